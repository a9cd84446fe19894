#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tab completion as pwsh computes it (TabExpansion2 at the end of the line), from the engine the line names.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName tab
    $script:label = "dockerps.pester=$($script:run)"
    docker create --name "$($script:run)-a" --label $script:label $script:image true | Out-Null
    docker create --name "$($script:run)-b" --label $script:label $script:image true | Out-Null
    docker tag $script:image "dps-test/$($script:run):v1"
    docker network create --label $script:label "$($script:run)-net" | Out-Null
    docker volume create --label $script:label "$($script:run)-vol" | Out-Null
    New-DockerContext "$($script:run)-ctx" $env:DOCKERPS_TEST_DOCKER_HOST | Out-Null

    # What Tab offers at the end of the line.
    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    docker rm -f "$($script:run)-a" "$($script:run)-b" | Out-Null
    docker rmi "dps-test/$($script:run):v1" | Out-Null
    docker network rm "$($script:run)-net" | Out-Null
    docker volume rm "$($script:run)-vol" | Out-Null
}

Describe 'TabExpansion2' {
    It 'completes <What>' -ForEach @(
        @{ What = 'container names'; Line = 'Stop-DockerContainer {0}'; Expected = '{0}-a', '{0}-b' }
        @{ What = 'image names, with and without the tag'; Line = 'Remove-DockerImage dps-test/{0}'; Expected = 'dps-test/{0}', 'dps-test/{0}:v1' }
        @{ What = 'network names'; Line = 'Remove-DockerNetwork {0}'; Expected = , '{0}-net' }
        @{ What = 'volume names'; Line = 'Remove-DockerVolume {0}'; Expected = , '{0}-vol' }
        @{ What = 'context names'; Line = 'Use-DockerContext {0}'; Expected = , '{0}-ctx' }
        @{ What = 'names on the engine -DockerHost names'; Line = 'Get-DockerContainer -DockerHost {1} {0}-'; Expected = '{0}-a', '{0}-b' }
    ) {
        Complete ($Line -f $script:run, $env:DOCKERPS_TEST_DOCKER_HOST) | Should -Be ($Expected | ForEach-Object { $_ -f $script:run })
    }

    It 'completes restart policies without an engine' {
        Complete 'Set-DockerContainer x -RestartPolicy unl' | Should -Be 'unless-stopped'
    }

    It 'offers nothing, quickly, for an engine that is not there' {
        $elapsed = Measure-Command { $offered = Complete 'Stop-DockerContainer -DockerHost unix:///tmp/dockerps-nowhere.sock x' }
        $offered | Should -BeNullOrEmpty
        $elapsed.TotalSeconds | Should -BeLessThan 5
    }
}
