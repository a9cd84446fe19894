#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for ssh:// endpoints and Connect-DockerHost against the sshd of tests/env/sshd.sh (127.0.0.1:2222).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:sshDir = Join-Path ($env:DOCKERPS_ENV ?? '/tmp/dockerps-env') 'ssh'
    $script:home = $env:HOME
    $env:HOME = Join-Path $script:sshDir 'home'
}

AfterAll {
    $env:HOME = $script:home
}

Describe 'Connect-DockerHost' {
    It 'connects through the ssh config alias and outputs the engine' {
        $engine = Connect-DockerHost -DockerHost ssh://dockerps-ssh
        $engine.ApiVersion | Should -Not -BeNullOrEmpty
        (Get-DockerVersion -Engine $engine).ApiVersion | Should -Be $engine.ApiVersion
    }

    It 'refuses a wrong passphrase' {
        $wrong = ConvertTo-SecureString 'not-it' -AsPlainText -Force
        Connect-DockerHost -DockerHost ssh://root@127.0.0.1:2222 -KeyFile "$env:HOME/.ssh/id_rsa_pass" -Passphrase $wrong -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'SshAuthenticationFailed,DockerPS.Commands.ConnectDockerHostCommand'
    }
}

Describe 'ssh:// endpoints' {
    It 'lists containers over SSH as over the socket' {
        $overSsh = Get-DockerContainer -DockerHost ssh://dockerps-ssh | ForEach-Object Id | Sort-Object
        $local = Get-DockerContainer -DockerHost unix:///tmp/dockerps-env/docker.sock | ForEach-Object Id | Sort-Object
        $overSsh | Should -Be $local
    }
}
