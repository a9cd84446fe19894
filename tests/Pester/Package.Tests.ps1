#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# DockerPS installed the way PowerShell users install modules: out/DockerPS published with PSResourceGet to a file
# repository this spec makes, installed by name into a fresh pwsh, imported by name. Each pwsh here has a HOME of its
# own under $TestDrive (where PSResourceGet keeps its repositories and CurrentUser installs modules) and a PSModulePath
# without the developer's modules, so nothing outside $TestDrive is read or changed.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName pkg
    docker create --name $script:run --label "dockerps.pester=$($script:run)" $script:image true | Out-Null
    $script:module = Resolve-Path (Join-Path $PSScriptRoot '../../out/DockerPS')
    $script:version = (Import-PowerShellDataFile (Join-Path $script:module DockerPS.psd1)).ModuleVersion
    $script:repository = (New-Item -ItemType Directory (Join-Path $TestDrive repository)).FullName
    $script:userHome = (New-Item -ItemType Directory (Join-Path $TestDrive home)).FullName

    # Runs a script in a fresh pwsh with the spec's own HOME and module path, in $TestDrive (PSResourceGet's NuGet code
    # writes a NuGet/NuGet.Config under the current folder); returns its output, one JSON object.
    function Invoke-FreshPwsh([string] $Script) {
        $saved = $env:HOME, $env:PSModulePath
        $env:HOME = $script:userHome
        $env:PSModulePath = Join-Path $script:userHome .local/share/powershell/Modules
        Push-Location $TestDrive
        try {
            $output = & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; $Script"
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            $output | ConvertFrom-Json
        }
        finally {
            Pop-Location
            $env:HOME, $env:PSModulePath = $saved
        }
    }
}

AfterAll {
    docker rm -f $script:run | Out-Null
}

Describe 'Publish-PSResource and Install-PSResource' {
    It 'publishes out/DockerPS to a file repository with the stamped version and the manifest''s links' {
        $published = Invoke-FreshPwsh @"
Register-PSResourceRepository -Name DockerPSTest -Uri '$($script:repository)' -Trusted
Publish-PSResource -Path '$($script:module)' -Repository DockerPSTest
Find-PSResource DockerPS -Repository DockerPSTest | Select-Object Name, @{ n = 'Version'; e = { `$_.Version.ToString() } }, ProjectUri, LicenseUri, ReleaseNotes, Tags | ConvertTo-Json -Compress
"@
        Get-ChildItem $script:repository -Name | Should -Be "DockerPS.$($script:version).nupkg"
        $published.Name | Should -Be 'DockerPS'
        $published.Version | Should -Be $script:version
        $published.ProjectUri | Should -Match '^https://'
        $published.LicenseUri | Should -Match '^https://'
        $published.ReleaseNotes | Should -Not -BeNullOrEmpty
        $published.Tags | Should -Contain 'Docker'
    }

    It 'installs DockerPS by name into a fresh pwsh, which imports it by name and lists containers' {
        $installed = Invoke-FreshPwsh @"
Install-PSResource DockerPS -Repository DockerPSTest -Scope CurrentUser
Import-Module DockerPS
`$module = Get-Module DockerPS
`$container = Get-DockerContainer '$($script:run)' -DockerHost '$($env:DOCKERPS_TEST_DOCKER_HOST)'
@{ Path = `$module.ModuleBase; Version = `$module.Version.ToString(); Container = `$container.Id } | ConvertTo-Json -Compress
"@
        $installed.Path | Should -BeLike "$($script:userHome)/.local/share/powershell/Modules/DockerPS/*"
        Test-Path (Join-Path $installed.Path LICENSE) | Should -BeTrue
        $installed.Version | Should -Be $script:version
        $installed.Container | Should -Be (docker inspect --format '{{.Id}}' $script:run)
    }
}
