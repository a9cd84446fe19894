#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the DockerPS module folder (out/DockerPS), and optionally tests it.
.DESCRIPTION
    -Build (the default) runs `dotnet build`, which assembles out/DockerPS from an explicit file list, stamps the
    version and compiles docs/help into MAML. -Test also starts the test environment (tests/env/up.sh) and runs
    the xunit suites and, when Pester 5 is installed, the Pester specs in tests/Pester.
.EXAMPLE
    ./build.ps1; Import-Module ./out/DockerPS/DockerPS.psd1
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test,
    # Rewrites docs/help's SYNTAX and metadata blocks from the compiled cmdlets before the help is compiled.
    [switch] $UpdateHelp
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

dotnet build src/DockerPS -c $Configuration -nologo $(if ($UpdateHelp) { '-p:UpdateHelp=true' })
if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)" }

if ($Test) {
    bash tests/run.sh
    if ($LASTEXITCODE) { throw "tests/run.sh failed ($LASTEXITCODE)" }
    if (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0') {
        $env:DOCKER_HOST = (Get-Content /tmp/dockerps-env/env.sh | Select-String 'DOCKERPS_TEST_DOCKER_HOST=(.*)').Matches[0].Groups[1].Value
        $result = Invoke-Pester -Path tests/Pester -PassThru -Output Detailed
        if ($result.FailedCount) { throw "$($result.FailedCount) Pester specs failed" }
    }
    else {
        Write-Warning 'Pester 5 is not installed: the Pester specs were skipped (the xunit suite parses them).'
    }
}
