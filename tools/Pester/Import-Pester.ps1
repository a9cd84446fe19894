# Imports the Pester that Pester.csproj restores from NuGet (there is no PowerShell Gallery here), by path from the
# NuGet cache; restores it first on a machine that has not (tests/env/pwsh.sh normally has).
$ErrorActionPreference = 'Stop'
$version = ([xml](Get-Content -Raw (Join-Path $PSScriptRoot 'Pester.csproj'))).Project.ItemGroup.PackageDownload.Version.Trim('[]')
$cache = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$manifest = Join-Path $cache "pester/$version/tools/Pester.psd1"
if (-not (Test-Path $manifest)) {
    dotnet restore $PSScriptRoot -v quiet -nologo | Out-Host
    if ($LASTEXITCODE) { throw "Restoring Pester $version failed ($LASTEXITCODE)" }
}
Import-Module $manifest -Global
