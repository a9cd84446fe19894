#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The context cmdlets, on the spec file's own DOCKER_CONFIG (TestEnvironment.ps1). Each Describe makes the contexts it
# uses: Pester empties $TestDrive of what a Describe wrote when it ends.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    # DOCKER_HOST would override the current context (as for the docker CLI).
    $env:DOCKER_HOST = $null
    $script:socket = $env:DOCKERPS_TEST_DOCKER_HOST
}

Describe 'New-DockerContext' {
    It 'writes a context the docker CLI lists' {
        New-DockerContext pester-ctx $script:socket -Description 'from Pester' | Out-Null
        docker context ls --format '{{.Name}}' | Should -Contain 'pester-ctx'
        (Get-DockerContext pester-ctx).Description | Should -Be 'from Pester'
    }

    It 'refuses a name that is taken' {
        New-DockerContext pester-ctx $script:socket -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContextExists,DockerPS.Commands.NewDockerContextCommand'
    }
}

Describe 'Use-DockerContext and Remove-DockerContext' {
    BeforeAll {
        New-DockerContext pester-use $script:socket | Out-Null
    }

    It 'makes a context current, and the cmdlets use it' {
        Use-DockerContext pester-use -WarningAction SilentlyContinue
        (Get-Content (Join-Path $env:DOCKER_CONFIG 'config.json') | ConvertFrom-Json).currentContext | Should -Be 'pester-use'
        (Get-DockerVersion).Engine.Endpoint | Should -Be $script:socket
    }

    It 'refuses to remove the current context without -Force' {
        Remove-DockerContext pester-use -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContextInUse,DockerPS.Commands.RemoveDockerContextCommand'
        Remove-DockerContext pester-use -Force
        Get-DockerContext | ForEach-Object Name | Should -Be @('default')
    }
}
