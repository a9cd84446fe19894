#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for the context cmdlets (see DockerPS.Tests.ps1 for how they run). They use a DOCKER_CONFIG of their own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:saved = $env:DOCKER_CONFIG, $env:DOCKER_HOST
    # DOCKER_HOST would override the current context (as for the docker CLI).
    $env:DOCKER_CONFIG, $env:DOCKER_HOST = (Join-Path $TestDrive 'docker-config'), $null
    $script:socket = $env:DOCKERPS_TEST_DOCKER_HOST ?? 'unix:///tmp/dockerps-env/docker.sock'
}

AfterAll {
    $env:DOCKER_CONFIG, $env:DOCKER_HOST = $script:saved
}

Describe 'New-DockerContext' {
    It 'writes a context the docker CLI lists' {
        New-DockerContext pester-ctx $script:socket -Description 'from Pester' | Out-Null
        (docker context ls --format '{{.Name}}') | Should -Contain 'pester-ctx'
        (Get-DockerContext pester-ctx).Description | Should -Be 'from Pester'
    }

    It 'refuses a name that is taken' {
        New-DockerContext pester-ctx $script:socket -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContextExists,DockerPS.Commands.NewDockerContextCommand'
    }
}

Describe 'Use-DockerContext and Remove-DockerContext' {
    It 'makes a context current and refuses to remove it without -Force' {
        Use-DockerContext pester-ctx -WarningAction SilentlyContinue
        (Get-Content (Join-Path $env:DOCKER_CONFIG 'config.json') | ConvertFrom-Json).currentContext | Should -Be 'pester-ctx'
        Remove-DockerContext pester-ctx -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContextInUse,DockerPS.Commands.RemoveDockerContextCommand'
        Remove-DockerContext pester-ctx -Force
        Get-DockerContext | ForEach-Object Name | Should -Be @('default')
    }
}
