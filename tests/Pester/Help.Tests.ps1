#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-Help as a user reads it: the rendered text of the compiled help (docs/help) and the about topic.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
}

Describe 'Get-Help' {
    It 'has a written synopsis for every exported cmdlet' {
        # Without compiled help, Get-Help makes the synopsis from the syntax.
        foreach ($command in (Get-Module DockerPS).ExportedCmdlets.Keys) {
            (Get-Help $command).Synopsis | Should -Not -Match ([regex]::Escape('[<CommonParameters>]')) -Because "$command has compiled help"
        }
    }

    It 'renders <Command> -Full with its synopsis, syntax, parameters and examples' -ForEach @(
        @{ Command = 'Get-DockerContainer' }
        @{ Command = 'Invoke-DockerBuild' }
        @{ Command = 'Connect-DockerRegistry' }
    ) {
        $text = Get-Help $Command -Full | Out-String -Width 250
        $text | Should -Match "(?m)^NAME\s+$Command\s"
        $text | Should -Match "(?m)^SYNOPSIS\s+$([regex]::Escape((Get-Help $Command).Synopsis))"
        $text | Should -Match "(?m)^SYNTAX\s+$Command "
        $text | Should -Match '(?m)^PARAMETERS$'
        $text | Should -Match "(?m)^\s+-+ Example 1"
    }

    It 'shows a parameter on its own with -Parameter' {
        $text = Get-Help Stop-DockerContainer -Parameter Timeout | Out-String
        $text | Should -Match '-Timeout <Int32>'
        $text | Should -Match 'Required\?\s+false'
    }

    It 'renders the about topic' {
        $text = Get-Help about_DockerPS | Out-String
        $text | Should -Match 'about_DockerPS'
        $text | Should -Match 'DOCKER_HOST'
    }
}
