#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The ways a user points DockerPS at an engine: tcp:// with TLS from the docker CLI's variables, ssh:// through the
# test sshd (tests/env/sshd.sh: 127.0.0.1:2222, HOME with its keys and the alias dockerps-ssh), and a pinned
# DOCKER_API_VERSION. Each reaches the test engine, whose socket the docker CLI checks.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName endp
    $script:envDirectory = $env:DOCKERPS_ENV ?? '/tmp/dockerps-env'
    $script:tlsHost = $env:DOCKERPS_TEST_TLS_HOST ?? 'tcp://127.0.0.1:2376'
    docker create --name $script:run --label "dockerps.pester=$($script:run)" $script:image true | Out-Null
    $script:savedHome = $env:HOME
}

AfterAll {
    $env:HOME = $script:savedHome
    docker rm -f $script:run | Out-Null
}

Describe 'tcp:// with TLS' {
    BeforeEach {
        $env:DOCKER_HOST = $script:tlsHost
        $env:DOCKER_TLS_VERIFY = '1'
    }

    AfterEach {
        $env:DOCKER_HOST = $env:DOCKERPS_TEST_DOCKER_HOST
        $env:DOCKER_TLS_VERIFY = $env:DOCKER_CERT_PATH = $null
    }

    It 'lists containers with the client certificate of DOCKER_CERT_PATH' {
        $env:DOCKER_CERT_PATH = Join-Path $script:envDirectory tls/client
        $container = Get-DockerContainer $script:run
        $container.Id | Should -Be (docker inspect --format '{{.Id}}' $script:run)
        $container.Engine.Endpoint | Should -Be $script:tlsHost
    }

    It 'refuses an engine whose certificate the CA of DOCKER_CERT_PATH did not sign' {
        $env:DOCKER_CERT_PATH = Join-Path $script:envDirectory tls/untrusted
        try {
            Get-DockerContainer $script:run -ErrorAction Stop
        }
        catch {
            $caught = $_
        }
        $caught.FullyQualifiedErrorId | Should -Be 'TlsServerNotTrusted,DockerPS.Commands.GetDockerContainerCommand'
        $caught.Exception.Message | Should -Match ([regex]::Escape($script:tlsHost))
    }
}

Describe 'ssh://' {
    BeforeAll {
        $env:HOME = Join-Path $script:envDirectory ssh/home
    }

    AfterAll {
        $env:HOME = $script:savedHome
    }

    It 'lists containers over SSH through the ssh config alias, as over the socket' {
        $container = Get-DockerContainer $script:run -DockerHost ssh://dockerps-ssh
        $container.Id | Should -Be (docker inspect --format '{{.Id}}' $script:run)
        $container.Engine.Endpoint | Should -Be 'ssh://dockerps-ssh'
    }

    It 'connects with Connect-DockerHost and outputs the engine the other cmdlets take' {
        $engine = Connect-DockerHost -DockerHost ssh://dockerps-ssh
        $engine.ApiVersion | Should -Be (docker version --format '{{.Server.APIVersion}}')
        (Get-DockerContainer $script:run -Engine $engine).Id | Should -Be (docker inspect --format '{{.Id}}' $script:run)
    }

    It 'refuses a wrong passphrase with SshAuthenticationFailed' {
        $wrong = ConvertTo-SecureString 'not-it' -AsPlainText -Force
        Connect-DockerHost -DockerHost ssh://root@127.0.0.1:2222 -KeyFile "$env:HOME/.ssh/id_rsa_pass" -Passphrase $wrong `
            -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -Be 'SshAuthenticationFailed,DockerPS.Commands.ConnectDockerHostCommand'
    }
}

Describe 'DOCKER_API_VERSION' {
    AfterEach {
        $env:DOCKER_API_VERSION = $null
    }

    It 'pins the API version of every call, as for the docker CLI' {
        $env:DOCKER_API_VERSION = '1.40'
        (Get-DockerVersion).NegotiatedApiVersion | Should -Be '1.40'
        $container = Get-DockerContainer $script:run
        $container.Engine.ApiVersion | Should -Be '1.40'
        $container | Start-DockerContainer
        $container | Wait-DockerContainer | Out-Null
        docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' $script:run | Should -Be 'exited 0'
    }
}
