#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for Invoke-DockerBuild (see DockerPS.Tests.ps1 for how they run).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:image = $env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest'
    $script:run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:context = Join-Path $TestDrive 'context'
    New-Item -ItemType Directory $script:context | Out-Null
    Set-Content (Join-Path $script:context 'hello.txt') 'hello from the context'
}

AfterAll {
    docker image ls -q --filter "label=dockerps.build=pester-$($script:run)" | ForEach-Object { docker rmi -f $_ | Out-Null }
}

Describe 'Invoke-DockerBuild' {
    It 'builds with build args and a tag, and writes the built image' {
        $dockerfile = "FROM $($script:image)`nLABEL dockerps.build=pester-$($script:run)`nARG WHO`nCOPY hello.txt /`nRUN echo `$WHO > /who`n"
        $built = $dockerfile | Invoke-DockerBuild $script:context -Tag "dps-test/pester-build-$($script:run):v1" -BuildArg @{ WHO = 'pester' } -InformationAction Ignore
        $built.Id | Should -Be (docker image inspect --format '{{.Id}}' "dps-test/pester-build-$($script:run):v1")
        docker run --rm "dps-test/pester-build-$($script:run):v1" cat /who | Should -Be 'pester'
    }

    It 'reports a failing step with its exit code and tags nothing' {
        $dockerfile = "FROM $($script:image)`nLABEL dockerps.build=pester-$($script:run)`nRUN exit 4`n"
        $dockerfile | Invoke-DockerBuild $script:context -Tag "dps-test/pester-fail-$($script:run):v1" -ForceRemove -InformationAction Ignore -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'BuildFailed,DockerPS.Commands.InvokeDockerBuildCommand'
        $failed[0].Exception.ExitCode | Should -Be 4
        docker image ls -q "dps-test/pester-fail-$($script:run):v1" | Should -BeNullOrEmpty
    }
}
