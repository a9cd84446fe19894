#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Login, push, pull and logout against the htpasswd registries tests/env/up.sh starts (DOCKERPS_TEST_REGISTRY on
# plain HTTP, DOCKERPS_TEST_REGISTRY_TLS on TLS), and pushes with no login (to DOCKERPS_TEST_REGISTRY_OPEN, which needs
# none, and to DOCKERPS_TEST_REGISTRY, which refuses them), on the leg's endpoint (Legs).

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:cred = [pscredential]::new($env:DOCKERPS_TEST_REGISTRY_USER,
        (ConvertTo-SecureString $env:DOCKERPS_TEST_REGISTRY_PASSWORD -AsPlainText -Force))
    $script:run = New-TestName reg
}

# Named by setting: the values are read when the specs run, after TestEnvironment.ps1 has loaded them.
Describe 'Login, push, remove and pull again (<Setting>)' -Tag Legs -ForEach @(
    @{ Setting = 'DOCKERPS_TEST_REGISTRY' }
    @{ Setting = 'DOCKERPS_TEST_REGISTRY_TLS' }
) {
    BeforeAll {
        $Registry = [Environment]::GetEnvironmentVariable($Setting)
        $script:ref = "$Registry/dps-test/$($script:run):v1"
        docker tag $script:image $script:ref
    }

    AfterAll {
        docker rmi $script:ref 2>$null | Out-Null
    }

    It 'logs in and stores the login in config.json' {
        $login = Connect-DockerRegistry $Registry -Credential $script:cred
        $login.Registry | Should -Be $Registry
        $login.Username | Should -Be $env:DOCKERPS_TEST_REGISTRY_USER
        (Get-Content (Join-Path $env:DOCKER_CONFIG config.json) -Raw | ConvertFrom-Json).auths.$Registry.auth | Should -Not -BeNullOrEmpty
    }

    It 'pushes with the stored login, removes the image, and pulls back the same digest' {
        $pushed = Push-DockerImage $script:ref
        $pushed.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        Remove-DockerImage $script:ref
        docker images -q $script:ref | Should -BeNullOrEmpty
        $pulled = Request-DockerImage $script:ref
        $pulled.Digest | Should -Be $pushed.Digest
        docker image inspect --format '{{index .RepoDigests 0}}' $script:ref | Should -Be "$Registry/dps-test/$($script:run)@$($pushed.Digest)"
    }

    It 'logs out, erasing the stored login' {
        Disconnect-DockerRegistry $Registry
        (Get-Content (Join-Path $env:DOCKER_CONFIG config.json) -Raw | ConvertFrom-Json).auths.$Registry | Should -BeNullOrEmpty
        { Disconnect-DockerRegistry $Registry -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryLoginNotFound,DockerPS.Commands.DisconnectDockerRegistryCommand'
    }

    It 'writes RegistryAuthenticationFailed for a wrong password' {
        $bad = [pscredential]::new($env:DOCKERPS_TEST_REGISTRY_USER, (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        { Request-DockerImage $script:ref -Credential $bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryAuthenticationFailed,DockerPS.Commands.RequestDockerImageCommand'
    }
}

Describe 'Push and pull with no login' -Tag Legs {
    BeforeAll {
        $script:open = "$env:DOCKERPS_TEST_REGISTRY_OPEN/dps-test/$($script:run)-open:v1"
        $script:closed = "$env:DOCKERPS_TEST_REGISTRY/dps-test/$($script:run)-closed:v1"
        docker tag $script:image $script:open
        docker tag $script:image $script:closed
    }

    AfterAll {
        docker rmi $script:open $script:closed 2>$null | Out-Null
    }

    It 'pushes to a registry that needs no login, and pulls back the same digest' {
        $pushed = Push-DockerImage $script:open
        $pushed.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        Remove-DockerImage $script:open
        (Request-DockerImage $script:open).Digest | Should -Be $pushed.Digest
    }

    It 'writes RegistryAuthenticationFailed where the registry needs a login' {
        { Push-DockerImage $script:closed -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryAuthenticationFailed,DockerPS.Commands.PushDockerImageCommand'
    }
}
