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
        'Add-DockerImageTag'
        'Clear-DockerContainer'
        'Clear-DockerImage'
        'Clear-DockerNetwork'
        'Clear-DockerSystem'
        'Clear-DockerVolume'
        'Connect-DockerNetwork'
        'Connect-DockerRegistry'
        'ConvertTo-DockerImage'
        'Copy-DockerItem'
        'Disconnect-DockerNetwork'
        'Disconnect-DockerRegistry'
        'Export-DockerContainer'
        'Get-DockerContainer'
        'Get-DockerContainerChange'
        'Get-DockerContainerLog'
        'Get-DockerContainerProcess'
        'Get-DockerContainerStats'
        'Get-DockerContext'
        'Get-DockerDiskUsage'
        'Get-DockerEvent'
        'Get-DockerImage'
        'Get-DockerImageHistory'
        'Get-DockerInfo'
        'Get-DockerNetwork'
        'Get-DockerVersion'
        'Get-DockerVolume'
        'Import-DockerImage'
        'Invoke-DockerContainer'
        'Invoke-DockerExec'
        'New-DockerContainer'
        'New-DockerContext'
        'New-DockerNetwork'
        'New-DockerVolume'
        'Push-DockerImage'
        'Remove-DockerContainer'
        'Remove-DockerContext'
        'Remove-DockerImage'
        'Remove-DockerNetwork'
        'Remove-DockerVolume'
        'Rename-DockerContainer'
        'Request-DockerImage'
        'Restart-DockerContainer'
        'Resume-DockerContainer'
        'Save-DockerImage'
        'Set-DockerContainer'
        'Start-DockerContainer'
        'Stop-DockerContainer'
        'Suspend-DockerContainer'
        'Use-DockerContext'
        'Wait-DockerContainer'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Pull-DockerImage')
    PrivateData          = @{
        PSData = @{
            Tags       = @('Docker', 'Containers', 'Linux')
            ProjectUri = ''
        }
    }
}
