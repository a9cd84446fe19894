#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-DockerBuild from a folder, on the leg's endpoint (Legs).

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName build
    $script:repo = "dps-test/$($script:run)"
    $script:folder = New-Item -ItemType Directory (Join-Path $TestDrive 'app')
    Set-Content (Join-Path $script:folder 'hello.txt') 'hello from the folder'
    Set-Content (Join-Path $script:folder 'Dockerfile') @"
FROM $($script:image)
LABEL dockerps.pester=$($script:run)
ARG WHO=nobody
ARG FLAVOUR
COPY hello.txt /
RUN echo "`$WHO `$FLAVOUR" > /who
"@
}

AfterAll {
    docker images -q --filter "label=dockerps.pester=$($script:run)" | Sort-Object -Unique | ForEach-Object { docker rmi -f $_ } | Out-Null
}

Describe 'Invoke-DockerBuild' -Tag Legs {
    It 'builds a folder with its Dockerfile, build args and two tags, and writes the built image' {
        $built = Invoke-DockerBuild $script:folder -Tag "$($script:repo):v1", "$($script:repo):latest" `
            -BuildArg @{ WHO = 'pester'; FLAVOUR = 'plain' } -InformationAction Ignore
        $built.Id | Should -Be (docker image inspect --format '{{.Id}}' "$($script:repo):v1")
        docker image inspect --format '{{.Id}}' "$($script:repo):latest" | Should -Be $built.Id
        Invoke-DockerContainer "$($script:repo):v1" -Remove -Command cat, /who, /hello.txt | Should -Be 'pester plain', 'hello from the folder'
    }

    It 'reports a failing step with its exit code and tags nothing' {
        $dockerfile = "FROM $($script:image)`nLABEL dockerps.pester=$($script:run)`nRUN exit 4`n"
        $dockerfile | Invoke-DockerBuild $script:folder -Tag "$($script:repo):failed" -ForceRemove -InformationAction Ignore `
            -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'BuildFailed,DockerPS.Commands.InvokeDockerBuildCommand'
        $failed[0].Exception.ExitCode | Should -Be 4
        docker images -q "$($script:repo):failed" | Should -BeNullOrEmpty
    }
}
