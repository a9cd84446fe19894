#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the DockerPS module folder (out/DockerPS); -Test runs every test, -Package makes the .nupkg.
.DESCRIPTION
    The build runs `dotnet build src/DockerPS`, which assembles out/DockerPS from an explicit file list, stamps the
    version and compiles docs/help into MAML.

    -Test starts the test environment (tests/env/up.sh), runs the unit tests, then for each leg of tests/legs.psd1
    the xunit integration suite with the leg's filter and the Pester specs with the leg's tags (in a fresh pwsh), both
    seeing the variables of $DOCKERPS_ENV/legs/<leg>.env. It ends with one line 'N passed, N failed, N skipped' and
    exits non-zero when anything failed or nothing passed.

    -Package writes out/DockerPS.<version>.nupkg, what Publish-PSResource puts in a repository.

    -UpdateHelp rewrites docs/help's SYNTAX and metadata blocks from the compiled cmdlets before the help is compiled
    (tools/HelpCompiler/README.md).
.EXAMPLE
    ./build.ps1; Import-Module ./out/DockerPS/DockerPS.psd1; Get-DockerContainer
.EXAMPLE
    ./build.ps1 -Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test,
    [switch] $Package,
    [switch] $UpdateHelp
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Native([string] $What) {
    # Runs the native command that follows $What and throws when it fails.
    $command, $arguments = $args
    & $command $arguments
    if ($LASTEXITCODE) { throw "$What failed (exit code $LASTEXITCODE)" }
}

if ($Test) {
    Invoke-Native 'tests/env/up.sh' bash tests/env/up.sh
}
Invoke-Native 'Building out/DockerPS' dotnet build src/DockerPS -c $Configuration -nologo -v quiet $(if ($UpdateHelp) { '-p:UpdateHelp=true' })

if ($Package) {
    $nupkg = Compress-PSResource -Path out/DockerPS -DestinationPath out -PassThru
    Write-Output "Package: $nupkg"
}

if (-not $Test) {
    return
}

$envDirectory = $env:DOCKERPS_ENV ?? '/tmp/dockerps-env'
$results = (New-Item -ItemType Directory -Force out/test-results).FullName
Get-ChildItem $results | Remove-Item -Recurse
$totals = @{ passed = 0; failed = 0; skipped = 0 }
$failures = [Collections.Generic.List[string]]::new()

function Read-Counts([string] $File) {
    # passed/failed/skipped of a suite's result file: a trx of dotnet test, or the counts Invoke-Specs.ps1 writes.
    if (-not $File -or -not (Test-Path $File)) {
        return @{ passed = 0; failed = 0; skipped = 0 }
    }
    if ($File.EndsWith('.json')) {
        return Get-Content -Raw $File | ConvertFrom-Json -AsHashtable
    }
    $counters = ([xml](Get-Content -Raw $File)).TestRun.ResultSummary.Counters
    @{
        passed  = [int] $counters.passed
        failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        # The trx logger counts skipped tests as neither executed nor notExecuted.
        skipped = [int] $counters.total - [int] $counters.executed
    }
}

function Invoke-Suite([string] $Name, [string] $ResultFile) {
    # Runs one suite (the native command after the two names) and adds its counts; the run goes on after a failure,
    # and a suite that failed with no failed test in its counts (it crashed, or never started) counts as one failure.
    Write-Host "== $Name" -ForegroundColor Cyan
    $command, $arguments = $args
    & $command $arguments
    $exitCode = $LASTEXITCODE
    $counts = Read-Counts $ResultFile
    if ($exitCode -and -not $counts.failed) {
        $counts.failed = 1
    }
    if ($counts.failed) {
        $failures.Add("$Name ($($counts.failed) failed, exit code $exitCode)")
    }
    foreach ($key in 'passed', 'failed', 'skipped') {
        $totals[$key] += $counts[$key]
    }
}

Invoke-Suite 'unit tests' (Join-Path $results DockerPS.UnitTests.trx) dotnet test tests/DockerPS.UnitTests -c $Configuration `
    -nologo --logger 'trx;LogFileName=DockerPS.UnitTests.trx' --results-directory $results
Invoke-Native 'Building the integration suite' dotnet build tests/DockerPS.Tests -c $Configuration -nologo -v quiet

foreach ($leg in (Import-PowerShellDataFile tests/legs.psd1).Legs) {
    $legFile = Join-Path $envDirectory "legs/$($leg.Name).env"
    if (-not (Test-Path $legFile)) {
        $failures.Add("leg $($leg.Name): no $legFile (tests/env/up.sh writes it)")
        $totals.failed++
        continue
    }
    $env:DOCKERPS_TEST_LEG = $leg.Name
    try {
        if ($null -ne $leg.Xunit) {
            $trx = "DockerPS.Tests-$($leg.Name).trx"
            $filter = $leg.Xunit ? @('--filter', $leg.Xunit) : @()
            Invoke-Suite "xunit, leg $($leg.Name)" (Join-Path $results $trx) dotnet test tests/DockerPS.Tests -c $Configuration `
                -nologo --no-build @filter --logger "trx;LogFileName=$trx" --results-directory $results
        }
        if ($null -ne $leg.Pester) {
            $json = Join-Path $results "Pester-$($leg.Name).json"
            # Every spec unless tags are named ('*' would reach pwsh's command line as a file name pattern).
            $tags = $leg.Pester -eq '*' ? @() : @('-Tag', ($leg.Pester -join ','))
            Invoke-Suite "Pester, leg $($leg.Name)" $json (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive `
                -File tests/Pester/Invoke-Specs.ps1 @tags -CountsFile $json
        }
    }
    finally {
        $env:DOCKERPS_TEST_LEG = $null
    }
}

$failures | ForEach-Object { Write-Host "failed: $_" -ForegroundColor Red }
"$($totals.passed) passed, $($totals.failed) failed, $($totals.skipped) skipped"
exit ($totals.failed -or -not $totals.passed ? 1 : 0)
