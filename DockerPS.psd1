@{
    RootModule           = 'DockerPS.dll'
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0f6f3e-3a51-4c1e-9a7e-2f4d7c1b9e21'
    Author               = 'DockerPS contributors'
    CompanyName          = 'DockerPS'
    Copyright            = '(c) DockerPS contributors. All rights reserved.'
    Description          = 'Drive Docker engines from PowerShell: containers, images, builds, registries, networks, volumes and the engine itself, as typed objects.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('DockerPS.Format.ps1xml')
    CmdletsToExport      = @(
        'Clear-DockerContainer'
        'Clear-DockerNetwork'
        'Clear-DockerSystem'
        'Clear-DockerVolume'
        'Connect-DockerHost'
        'Connect-DockerNetwork'
        'ConvertTo-DockerImage'
        'Copy-DockerItem'
        'Disconnect-DockerNetwork'
        'Export-DockerContainer'
        'Get-DockerContainer'
        'Get-DockerContainerChange'
        'Get-DockerContainerLog'
        'Get-DockerContainerProcess'
        'Get-DockerContainerStats'
        'Get-DockerDiskUsage'
        'Get-DockerEvent'
        'Get-DockerImage'
        'Get-DockerInfo'
        'Get-DockerNetwork'
        'Get-DockerVersion'
        'Get-DockerVolume'
        'Invoke-DockerContainer'
        'Invoke-DockerExec'
        'New-DockerContainer'
        'New-DockerNetwork'
        'New-DockerVolume'
        'Remove-DockerContainer'
        'Remove-DockerNetwork'
        'Remove-DockerVolume'
        'Rename-DockerContainer'
        'Restart-DockerContainer'
        'Resume-DockerContainer'
        'Set-DockerContainer'
        'Start-DockerContainer'
        'Stop-DockerContainer'
        'Suspend-DockerContainer'
        'Wait-DockerContainer'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Docker', 'Containers', 'Linux')
            ProjectUri = ''
        }
    }
}
