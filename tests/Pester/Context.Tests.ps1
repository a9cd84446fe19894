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

Describe 'Set-DockerContext' {
    BeforeAll {
        New-DockerContext pester-set unix:///tmp/dps-pester-nowhere.sock -Description 'before' | Out-Null
    }

    It 'moves a context to another engine for the docker CLI and the next call' {
        Set-DockerContext pester-set -DockerHost $script:socket -Description 'after'
        $inspected = docker context inspect pester-set | ConvertFrom-Json
        $inspected.Endpoints.docker.Host | Should -Be $script:socket
        $inspected.Metadata.Description | Should -Be 'after'
        (Get-DockerVersion -Context pester-set).Engine.Endpoint | Should -Be $script:socket
    }

    It 'refuses the default context' {
        Set-DockerContext default -Description x -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'DefaultContextReadOnly,DockerPS.Commands.SetDockerContextCommand'
    }
}

Describe 'Export-DockerContext and Import-DockerContext' {
    BeforeAll {
        New-DockerContext pester-exp $script:socket -Description 'exported' | Out-Null
    }

    It 'writes NAME.dockercontext, which the docker CLI imports' {
        Push-Location $TestDrive
        try {
            $file = Export-DockerContext pester-exp
        }
        finally {
            Pop-Location
        }
        $file.Name | Should -Be 'pester-exp.dockercontext'
        docker context import pester-in-cli $file.FullName | Out-Null
        (docker context inspect pester-in-cli | ConvertFrom-Json).Metadata.Description | Should -Be 'exported'
    }

    It 'imports what the docker CLI exports, from a file and from Get-Content bytes' {
        $file = Join-Path $TestDrive 'from-cli.dockercontext'
        docker context export pester-exp $file | Out-Null
        (Import-DockerContext pester-from-file $file).DockerEndpoint | Should -Be $script:socket
        Get-Content $file -AsByteStream -Raw | Import-DockerContext pester-from-raw | ForEach-Object Description | Should -Be 'exported'
        (Get-DockerVersion -Context pester-from-raw).Engine.Name | Should -Be 'pester-from-raw'
    }

    It 'pipes the archive to the docker CLI as bytes, and reads the CLI''s from standard input' {
        # The CLI itself, not the docker function, whose output and input are not byte streams.
        $cli = Get-Command docker -CommandType Application -TotalCount 1
        Export-DockerContext pester-exp - | & $cli context import pester-piped - | Out-Null
        docker context ls --format '{{.Name}}' | Should -Contain 'pester-piped'
        $module = Join-Path $PSScriptRoot ../../out/DockerPS/DockerPS.psd1
        & $cli context export pester-exp - | & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$module'; (Import-DockerContext pester-stdin -).Name"
            | Should -Be 'pester-stdin'
        (docker context inspect pester-stdin | ConvertFrom-Json).Endpoints.docker.Host | Should -Be $script:socket
    }

    It 'refuses an archive that is not a context export' {
        $file = Join-Path $TestDrive 'garbage.dockercontext'
        Set-Content $file 'not a tar'
        Import-DockerContext pester-garbage $file -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidArchive,DockerPS.Commands.ImportDockerContextCommand'
        docker context ls --format '{{.Name}}' | Should -Not -Contain 'pester-garbage'
    }
}
