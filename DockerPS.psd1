@{
    RootModule           = 'DockerPS.dll'
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0f6f3e-3a51-4c1e-9a7e-2f4d7c1b9e21'
    Author               = 'DockerPS contributors'
    CompanyName          = 'DockerPS'
    Copyright            = '(c) DockerPS contributors. MIT License.'
    Description          = 'Drive Docker engines from PowerShell: containers, images, builds, registries, networks, volumes and the engine itself, as typed objects.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('DockerPS.Format.ps1xml')
    TypesToProcess       = @('DockerPS.Types.ps1xml')
    # The build fills both export lists from the compiled cmdlets (tools/HelpCompiler).
    CmdletsToExport      = @()
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Docker', 'Containers', 'DevOps', 'Linux')
            ProjectUri   = 'https://github.com/DockerPS/DockerPS'
            LicenseUri   = 'https://github.com/DockerPS/DockerPS/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: the first release. Containers, images and builds, registries, networks, volumes, contexts and the engine, over unix://, tcp:// with TLS and ssh://; -Context runs a cmdlet on several engines.'
        }
    }
}
