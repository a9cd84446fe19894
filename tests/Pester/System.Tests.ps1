#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The engine itself: version, info, disk usage and events, on the leg's endpoint (Legs); and an engine that is not there.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
}

Describe 'Get-DockerVersion and Get-DockerInfo' -Tag Legs {
    It 'report the engine docker version and docker info report' {
        (Get-DockerVersion).Version | Should -Be (docker version --format '{{.Server.Version}}')
        $info = Get-DockerInfo
        $info.ServerVersion | Should -Be (docker info --format '{{.ServerVersion}}')
        $info.Name | Should -Be (docker info --format '{{.Name}}')
    }
}

Describe 'Get-DockerDiskUsage and Get-DockerEvent' -Tag Legs {
    It 'counts the images docker system df counts, and lists the base image with its size' {
        # Other test runs share the engine: the count is checked between two of docker's, taken before and after.
        $dockerCount = { (docker system df --format '{{json .}}' | ConvertFrom-Json | Where-Object Type -EQ 'Images').TotalCount }
        $before = & $dockerCount
        $images = Get-DockerDiskUsage | Where-Object Type -EQ 'Images'
        $after = & $dockerCount
        $images.TotalCount | Should -BeGreaterOrEqual ([math]::Min($before, $after))
        $images.TotalCount | Should -BeLessOrEqual ([math]::Max($before, $after))

        $id = docker image inspect --format '{{.Id}}' $script:image
        $item = Get-DockerDiskUsage -Detail | Where-Object { $_.Type -eq 'Image' -and $_.Id -eq $id }
        $item.Size | Should -Be (docker image inspect --format '{{.Size}}' $script:image)
    }

    It 'returns the events of a container that ran' {
        $since = Get-Date
        $name = New-TestName evt
        docker run --rm --name $name $script:image true | Out-Null
        (Get-DockerEvent -Since $since -Until (Get-Date) -Filter @{ container = $name }).Action | Should -Contain 'destroy'
    }
}

Describe 'An engine that is not there' {
    It 'fails with EngineUnreachable naming the endpoint' {
        { Get-DockerContainer -DockerHost 'unix:///tmp/dockerps-nowhere.sock' -ErrorAction Stop } |
            Should -Throw -ErrorId 'EngineUnreachable,DockerPS.Commands.GetDockerContainerCommand' -ExpectedMessage '*unix:///tmp/dockerps-nowhere.sock*'
    }
}
