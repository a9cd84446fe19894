#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for pull, push, login and logout against the registries tests/env/up.sh starts
# (DOCKERPS_TEST_REGISTRY*, see /tmp/dockerps-env/env.sh). CI runs the xunit suite, which also parses these files.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:registry = $env:DOCKERPS_TEST_REGISTRY
    $script:cred = [pscredential]::new($env:DOCKERPS_TEST_REGISTRY_USER,
        [Net.NetworkCredential]::new('', $env:DOCKERPS_TEST_REGISTRY_PASSWORD).SecurePassword)
    $script:ref = "$script:registry/dps-test/pester-$([guid]::NewGuid().ToString('N').Substring(0, 8)):v1"
    $env:DOCKER_CONFIG = (New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid()))).FullName
    docker tag ($env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest') $script:ref
}

AfterAll {
    docker rmi $script:ref | Out-Null
}

Describe 'Push-DockerImage and Request-DockerImage' {
    It 'pushes and pulls back the same digest' {
        $pushed = Push-DockerImage $script:ref -Credential $script:cred
        docker rmi $script:ref | Out-Null
        $pulled = Request-DockerImage $script:ref -Credential $script:cred
        $pulled.Digest | Should -Be $pushed.Digest
    }

    It 'writes RegistryAuthenticationFailed for a wrong password' {
        $bad = [pscredential]::new('dpsuser', [Net.NetworkCredential]::new('', 'wrong').SecurePassword)
        { Request-DockerImage $script:ref -Credential $bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryAuthenticationFailed,DockerPS.Commands.RequestDockerImageCommand'
    }
}

Describe 'Connect-DockerRegistry and Disconnect-DockerRegistry' {
    It 'stores credentials in config.json auths and erases them' {
        $login = Connect-DockerRegistry $script:registry -Credential $script:cred
        $login.Registry | Should -Be $script:registry
        (Get-Content (Join-Path $env:DOCKER_CONFIG config.json) -Raw | ConvertFrom-Json).auths.$script:registry.auth | Should -Not -BeNullOrEmpty
        Disconnect-DockerRegistry $script:registry
        { Disconnect-DockerRegistry $script:registry -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryLoginNotFound,DockerPS.Commands.DisconnectDockerRegistryCommand'
    }
}
