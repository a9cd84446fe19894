#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for what DockerPS says (see DockerPS.Tests.ps1 for how they run): -Debug's engine calls, error messages,
# warnings, -Environment's docker forms, and what Wait-DockerContainer and Get-DockerImageHistory write. Every test
# starts with DOCKER_HOST on the test engine's socket, the other docker variables unset and an empty DOCKER_CONFIG.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:socket = $env:DOCKERPS_TEST_DOCKER_HOST ?? 'unix:///tmp/dockerps-env/docker.sock'
    $script:image = $env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest'
    $script:tls = Join-Path ($env:DOCKERPS_ENV ?? '/tmp/dockerps-env') 'tls'
    $script:run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:label = "dockerps.test=pester-diag-$script:run"
    $script:variables = 'DOCKER_HOST', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_CONFIG'
    $script:saved = @{}
    foreach ($name in $script:variables) { $script:saved[$name] = [Environment]::GetEnvironmentVariable($name) }

    function DebugLines([scriptblock] $command) {
        & $command 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message
    }

    function ErrorOf([scriptblock] $command) {
        $ErrorActionPreference = 'Stop'
        try { & $command | Out-Null; throw 'no error' } catch { $_ }
    }
}

AfterAll {
    foreach ($name in $script:variables) { [Environment]::SetEnvironmentVariable($name, $script:saved[$name]) }
    $env:DOCKER_HOST = $script:socket
    $containers = docker ps -aq --filter "label=$script:label"
    if ($containers) { docker rm -f $containers | Out-Null }
    $images = docker images -q --filter "label=$script:label"
    if ($images) { docker rmi -f $images | Out-Null }
    docker images --format '{{.Repository}}:{{.Tag}}' | Where-Object { $_ -like "dps-pester/*-$($script:run):*" } | ForEach-Object { docker rmi $_ | Out-Null }
}

Describe 'What DockerPS says' {
    BeforeEach {
        foreach ($name in $script:variables) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:DOCKER_HOST = $script:socket
        $env:DOCKER_CONFIG = (New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))).FullName
    }

    Describe '-Debug' {
        It 'shows each engine call with its status and time, without asking' {
            # -Debug alone makes PowerShell ask before each verbose line of a compiled cmdlet; none may come as verbose.
            $lines = DebugLines { Get-DockerContainer -Debug }
            $lines | Should -Contain "Docker engine $script:socket (DOCKER_HOST)."
            $calls = $lines | Where-Object { $_ -match "^$([regex]::Escape($script:socket)) GET /v1\.\d+/containers/json\?all=1 -> 200 OK in \d+\.\d ms$" }
            $calls | Should -HaveCount 1
        }

        It 'names build arguments without their values' {
            $context = New-Item -ItemType Directory (Join-Path $TestDrive 'build')
            Set-Content (Join-Path $context 'Dockerfile') "FROM $script:image`nARG TOKEN`nLABEL $script:label"
            $lines = DebugLines { Invoke-DockerBuild $context -BuildArg @{ TOKEN = 'pester-secret-value' } -Debug 6>$null | Out-Null }
            $lines | Where-Object { $_ -match ' POST /v1\.\d+/build\?.*buildargs=\(redacted\)' } | Should -HaveCount 1
            $lines | Where-Object { $_ -like '*pester-secret-value*' } | Should -BeNullOrEmpty
        }
    }

    Describe 'Messages' {
        It 'says a missing unix socket does not exist and has the endpoint as target' {
            $socket = "/tmp/dps-pester-missing-$script:run.sock"
            $e = ErrorOf { Get-DockerContainer -DockerHost "unix://$socket" }
            $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,DockerPS.Commands.GetDockerContainerCommand'
            $e.Exception.Message | Should -BeLike "*: the socket file $socket does not exist"
            $e.TargetObject | Should -Be "unix://$socket"
        }

        It 'says a memory size is too large' {
            $e = ErrorOf { New-DockerContainer $script:image -Memory 99999999999g }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidMemory,DockerPS.Commands.NewDockerContainerCommand'
            $e.Exception.Message | Should -Be "'99999999999g' is too large: a size is at most 9223372036854775807 bytes (just under 8192p)."
        }

        It 'refuses an API version the engine does not take with ApiVersionNotSupported on every cmdlet' {
            $env:DOCKER_API_VERSION = '1.10'
            (ErrorOf { Get-DockerContainer }).FullyQualifiedErrorId | Should -Be 'ApiVersionNotSupported,DockerPS.Commands.GetDockerContainerCommand'
            (ErrorOf { New-DockerContainer $script:image }).FullyQualifiedErrorId | Should -Be 'ApiVersionNotSupported,DockerPS.Commands.NewDockerContainerCommand'
            (ErrorOf { Get-DockerVersion }).Exception.Message | Should -BeLike 'DOCKER_API_VERSION=1.10 is not an API version the Docker engine at * accepts: it takes *'
        }

        It 'names the engine, where it was configured and the CA in a TLS failure' {
            $env:DOCKER_HOST, $env:DOCKER_TLS_VERIFY, $env:DOCKER_CERT_PATH = $env:DOCKERPS_TEST_TLS_HOST, '1', (Join-Path $script:tls 'untrusted')
            $e = ErrorOf { Get-DockerContainer }
            $e.FullyQualifiedErrorId | Should -Be 'TlsServerNotTrusted,DockerPS.Commands.GetDockerContainerCommand'
            $e.Exception.Message | Should -BeLike "Docker engine $($env:DOCKERPS_TEST_TLS_HOST) (DOCKER_HOST): The engine's TLS certificate is not trusted: the certificate does not chain to the CA in $(Join-Path $script:tls 'untrusted' 'ca.pem')*"
        }

        It 'uses TLS without verifying the engine with DOCKER_TLS, as the docker CLI does' {
            $certs = New-Item -ItemType Directory (Join-Path $TestDrive 'tls-only')
            Copy-Item (Join-Path $script:tls 'untrusted' 'ca.pem') $certs
            Copy-Item (Join-Path $script:tls 'client' 'cert.pem'), (Join-Path $script:tls 'client' 'key.pem') $certs
            $env:DOCKER_HOST, $env:DOCKER_TLS, $env:DOCKER_CERT_PATH = $env:DOCKERPS_TEST_TLS_HOST, '1', $certs.FullName
            (Get-DockerVersion).Engine.Endpoint | Should -Be $env:DOCKERPS_TEST_TLS_HOST
            docker version --format '{{.Server.APIVersion}}' | Should -Not -BeNullOrEmpty
        }

        It 'warns about a config.json it cannot read and goes on, as the docker CLI does' {
            Set-Content (Join-Path $env:DOCKER_CONFIG 'config.json') '{bad'
            $containers = Get-DockerContainer -WarningVariable warnings -WarningAction SilentlyContinue
            @($containers).Count | Should -Be @(docker ps -aq 2>$null).Count
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike "Cannot read docker configuration $(Join-Path $env:DOCKER_CONFIG 'config.json'): * It is ignored, as the docker CLI ignores it."
        }

        It 'names config.json as the source of credentials only when it has some' {
            $registry = '127.0.0.1:1'
            $none = Request-DockerImage "$registry/nothing:v1" -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $none.Message | Should -Contain "No stored credentials for $registry."
            $auth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('me:pw'))
            @{ auths = @{ $registry = @{ auth = $auth } } } | ConvertTo-Json -Depth 3 | Set-Content (Join-Path $env:DOCKER_CONFIG 'config.json')
            $stored = Request-DockerImage "$registry/nothing:v1" -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $stored.Message | Should -Contain "Credentials for $registry from $(Join-Path $env:DOCKER_CONFIG 'config.json')."
        }
    }

    Describe '-Environment' {
        It 'takes NAME=value, NAME from the caller, and hashtables, as docker run -e does' {
            $env:DPS_PESTER_CALLER, $env:DPS_PESTER_UNSET = 'from caller', $null
            $ours = Invoke-DockerContainer $script:image -Remove -Label @{ 'dockerps.test' = "pester-diag-$script:run" } -Command env `
                -Environment 'DPS_PESTER_A=1', 'DPS_PESTER_CALLER', 'DPS_PESTER_UNSET', @{ DPS_PESTER_T = 'table' }
            $cli = docker run --rm --label $script:label -e DPS_PESTER_A=1 -e DPS_PESTER_CALLER -e DPS_PESTER_UNSET -e DPS_PESTER_T=table $script:image env
            $env:DPS_PESTER_CALLER = $null
            $expected = $cli | Where-Object { $_ -like 'DPS_PESTER_*' } | Sort-Object
            $expected | Should -Be 'DPS_PESTER_A=1', 'DPS_PESTER_CALLER=from caller', 'DPS_PESTER_T=table'
            $ours | Where-Object { $_ -like 'DPS_PESTER_*' } | Sort-Object | Should -Be $expected
        }
    }

    Describe 'Wait-DockerContainer' {
        It 'writes each container with its exit code' {
            $three = docker run -d --label $script:label $script:image sh -c 'exit 3'
            $zero = docker run -d --label $script:label $script:image true
            $exits = Wait-DockerContainer $three, $zero
            $exits | ForEach-Object { $_.GetType().FullName } | Should -Be 'DockerPS.ContainerExit', 'DockerPS.ContainerExit'
            $exits | ForEach-Object { "$($_.Container)=$($_.ExitCode)" } | Should -Be "$three=3", "$zero=0"
            $table = ($exits | Out-String -Width 200) -split "`n" | ForEach-Object Trim | Where-Object { $_ }
            $table[0] | Should -Match '^CONTAINER\s+EXIT CODE$'
            $table[2] | Should -Match "^$three\s+3$"
        }
    }

    Describe 'Get-DockerImageHistory' {
        It 'writes the history of an image with two tags once, under the first' {
            $first, $second = "dps-pester/first-$($script:run):v1", "dps-pester/second-$($script:run):v1"
            docker tag $script:image $first
            docker tag $script:image $second
            $history = Get-DockerImage $first, $second | Get-DockerImageHistory
            $history | Should -HaveCount @(docker history -q $first).Count
            $history | ForEach-Object Image | Select-Object -Unique | Should -Be $first
            $headings = ($history | Out-String) -split "`n" | ForEach-Object Trim | Where-Object { $_ -like 'Image: *' }
            $headings | Should -Be "Image: $first"
        }
    }
}
