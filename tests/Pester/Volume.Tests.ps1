#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Volumes, on the leg's endpoint (Legs).

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName vol
    $script:label = "dockerps.pester=$($script:run)"
}

AfterAll {
    docker ps -aq --filter "label=$($script:label)" | ForEach-Object { docker rm -f $_ } | Out-Null
    docker volume ls -q --filter "label=$($script:label)" | ForEach-Object { docker volume rm -f $_ } | Out-Null
}

Describe 'Volumes' -Tag Legs {
    It 'keep data between containers' {
        $volume = New-DockerVolume $script:run -Label @{ 'dockerps.pester' = $script:run }
        $volume.Name | Should -Be $script:run
        Invoke-DockerContainer $script:image -Volume "$($script:run):/data" -Remove -Command sh, -c, 'echo hello > /data/f'
        Invoke-DockerContainer $script:image -Volume "$($script:run):/data" -Remove -Command cat, /data/f | Should -Be 'hello'
    }

    It 'are listed as docker volume ls lists them' {
        Get-DockerVolume -Label $script:label | ForEach-Object { "$($_.Driver) $($_.Name)" } |
            Should -Be (docker volume ls --filter "label=$($script:label)" --format '{{.Driver}} {{.Name}}')
    }

    It 'are kept while a container uses them: VolumeInUse' {
        docker create --name "$($script:run)-user" --label $script:label -v "$($script:run):/data" $script:image true | Out-Null
        { Remove-DockerVolume $script:run -ErrorAction Stop } |
            Should -Throw -ErrorId 'VolumeInUse,DockerPS.Commands.RemoveDockerVolumeCommand'
        docker volume ls -q --filter "name=^$($script:run)$" | Should -Be $script:run
    }
}
