#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module folder as it ships: its assemblies are precompiled (ReadyToRun, tools/ReadyToRun), so a new pwsh does not
# JIT-compile DockerPS's or Docker.DotNet's code for its first call. The runtime's JIT log (DOTNET_JitStdOutFile with
# DOTNET_JitDisasmSummary) lists every method it compiled.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
}

Describe 'Precompiled assemblies' {
    It 'leave nothing of DockerPS or Docker.DotNet to compile for a new pwsh''s first Get-DockerContainer' {
        $log = Join-Path $TestDrive jit.txt
        $env:DOTNET_JitStdOutFile, $env:DOTNET_JitDisasmSummary = $log, '1'
        try {
            $said = & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$(Join-Path $PSScriptRoot ../../out/DockerPS/DockerPS.psd1)'; Get-DockerContainer | Out-Null; 'listed'"
        }
        finally {
            $env:DOTNET_JitStdOutFile = $env:DOTNET_JitDisasmSummary = $null
        }
        # Not the exit code: with JIT logging on, the runtime has aborted at exit ("free(): invalid pointer") after the work was done.
        $said | Should -Be 'listed'
        $compiled = Get-Content $log | Where-Object { $_ -match 'JIT compiled ' }
        $compiled | Should -Not -BeNullOrEmpty -Because 'the log lists what PowerShell itself compiled'
        # Generic methods instantiated over the framework's types cannot be precompiled outside the framework.
        $compiled | Where-Object { $_ -match 'JIT compiled (DockerPS|Docker\.DotNet)\.[^:\[]+:[^\[(]+\(' } | Should -BeNullOrEmpty
    }
}
