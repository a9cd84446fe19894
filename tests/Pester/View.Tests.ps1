#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The default views as a user reads them: the text Format-Table / Format-List render, compared with what the docker
# CLI prints for the same objects. Relative times ("5 seconds ago", "Up 4 seconds") are matched by pattern only.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName view
    $script:label = "dockerps.pester=$($script:run)"
    docker run -d --name $script:run --label $script:label $script:image sleep 600 | Out-Null
    docker run --name "$($script:run)-log" --label $script:label $script:image sh -c 'echo first; echo second' | Out-Null
    docker volume create --label $script:label $script:run | Out-Null
    docker network create --label $script:label $script:run | Out-Null

    # The lines a view renders, without the blank lines around them and the spaces at their ends.
    function Get-Rendered([Parameter(ValueFromPipeline)] $InputObject) {
        ($input | Out-String -Width 250) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ }
    }

    # One line with the fields separated by single spaces, for comparing table rows whose column widths differ.
    function Join-Fields([string] $Line) {
        $Line -replace '\s+', ' '
    }
}

AfterAll {
    docker rm -f $script:run "$($script:run)-log" | Out-Null
    docker volume rm $script:run | Out-Null
    docker network rm $script:run | Out-Null
}

Describe 'Default views' {
    It 'shows containers as docker ps does' {
        $lines = Get-DockerContainer $script:run | Get-Rendered
        $lines | Should -HaveCount 3
        Join-Fields $lines[0] | Should -Be 'CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES'
        $id, $image = (docker ps --filter "name=^$($script:run)$" --format '{{.ID}} {{.Image}}') -split ' '
        Join-Fields $lines[2] | Should -Match "^$id $([regex]::Escape($image)) `"sleep 600`" \S.* ago Up .+ $($script:run)$"
    }

    It 'shows images as docker images does' {
        $lines = Get-DockerImage $script:image | Get-Rendered
        $lines | Should -HaveCount 3
        Join-Fields $lines[0] | Should -Be 'REPOSITORY TAG IMAGE ID CREATED SIZE'
        $repository, $tag, $id, $size = (docker images --format '{{.Repository}} {{.Tag}} {{.ID}} {{.Size}}' $script:image) -split ' '
        Join-Fields $lines[2] | Should -Match "^$([regex]::Escape($repository)) $tag $id \S.* ago $([regex]::Escape($size))$"
    }

    It 'shows volumes and networks as docker volume ls and docker network ls do' {
        Get-DockerVolume $script:run | Get-Rendered | Should -Be 'DRIVER VOLUME NAME', '------ -----------', "local  $($script:run)"
        $lines = Get-DockerNetwork $script:run | Get-Rendered
        Join-Fields $lines[0] | Should -Be 'NETWORK ID NAME DRIVER SCOPE'
        Join-Fields $lines[2] | Should -Be (docker network ls --filter "name=^$($script:run)$" --format '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}')
    }

    It 'shows log lines as docker logs prints them' {
        Get-DockerContainerLog "$($script:run)-log" | Get-Rendered | Should -Be 'first', 'second'
        docker logs "$($script:run)-log" | Should -Be 'first', 'second'
    }

    It 'shows the engine version as a list' {
        $lines = Get-DockerVersion | Get-Rendered
        $lines | Should -Contain "Engine                 : $env:DOCKER_HOST"
        $lines | Should -Contain "Server Version         : $(docker version --format '{{.Server.Version}}')"
        $lines | Should -Contain "OS/Arch                : $(docker version --format '{{.Server.Os}}/{{.Server.Arch}}')"
    }

    It 'shows engine info as a list with the counts docker info shows' {
        $lines = Get-DockerInfo | Get-Rendered
        $counts = docker info --format '{{.Containers}} (running {{.ContainersRunning}}, paused {{.ContainersPaused}}, stopped {{.ContainersStopped}})'
        # Other test runs may start or stop containers between the two calls; the shape is what is compared.
        ($lines | Where-Object { $_ -like 'Containers *' }) -replace '\d+', 'N' | Should -Be ("Containers      : $counts" -replace '\d+', 'N')
        $lines | Should -Contain "ServerVersion   : $(docker info --format '{{.ServerVersion}}')"
    }
}
