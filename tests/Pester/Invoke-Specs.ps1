#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester specs of tests/Pester on one test leg and writes the counts for build.ps1.
.DESCRIPTION
    build.ps1 -Test starts this in a fresh pwsh per leg, with DOCKERPS_TEST_LEG naming the leg; the specs read the
    leg's variables themselves (TestEnvironment.ps1), so `./tests/Pester/Invoke-Specs.ps1` by hand runs the main leg.
    Failed blocks and spec files that did not run (a failing BeforeAll, a parse error) count as failures.
.EXAMPLE
    ./tests/Pester/Invoke-Specs.ps1 -Tag Legs   # what build.ps1 -Test runs on the tls and ssh legs
#>
param(
    # Pester tags to run, comma-separated; every spec without it.
    [string] $Tag,
    # Where to write {"passed":N,"failed":N,"skipped":N}.
    [string] $CountsFile
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../tools/Pester/Import-Pester.ps1')

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
if ($Tag) {
    $config.Filter.Tag = $Tag -split ','
}
$result = Invoke-Pester -Configuration $config

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
if ($CountsFile) {
    @{ passed = $result.PassedCount; failed = $failed; skipped = $result.SkippedCount } | ConvertTo-Json -Compress |
        Set-Content $CountsFile
}
exit ($failed -or $result.PassedCount -eq 0 ? 1 : 0)
