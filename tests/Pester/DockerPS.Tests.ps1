#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for contributors with pwsh and Pester: ./build.ps1 -Test runs them against the engine that
# DOCKER_HOST names (tests/env/up.sh starts one). CI runs the xunit suite, which also parses these files.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:image = $env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest'
    $script:name = "dps-pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    docker create --name $script:name --label dockerps.test=pester $script:image true | Out-Null
}

AfterAll {
    docker rm -f $script:name | Out-Null
}

Describe 'Get-DockerContainer' {
    It 'returns the same containers as docker ps -a' {
        $ours = Get-DockerContainer | ForEach-Object Id | Sort-Object
        $cli = docker ps -a --no-trunc --format '{{.ID}}' | Sort-Object
        $ours | Should -Be $cli
    }

    It 'finds a container by name and carries its engine' {
        $container = Get-DockerContainer -Name $script:name
        $container.State | Should -Be 'created'
        $container.Engine.Endpoint | Should -Not -BeNullOrEmpty
    }

    It 'writes ContainerNotFound and goes on with the next name' {
        $found = $script:name, 'no-such-container', $script:name | Get-DockerContainer -ErrorVariable errors -ErrorAction SilentlyContinue
        $found | Should -HaveCount 2
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DockerPS.Commands.GetDockerContainerCommand'
    }

    It 'rejects an unknown filter key with InvalidFilter' {
        { Get-DockerContainer -Filter @{ nosuchkey = 'x' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidFilter,DockerPS.Commands.GetDockerContainerCommand'
    }
}

Describe 'Container lifecycle' {
    It 'creates, starts, waits for and removes a container, as the SDK tutorial does' {
        $container = New-DockerContainer $script:image -Command sh, '-c', 'echo hello; exit 3' -CpuShares 512 -Label @{ 'dockerps.test' = 'pester' }
        $container.HostConfig.CpuShares | Should -Be 512
        $container | Start-DockerContainer
        ($container | Wait-DockerContainer).ExitCode | Should -Be 3
        $container | Remove-DockerContainer
        docker ps -aq --filter "id=$($container.Id)" | Should -BeNullOrEmpty
    }

    It 'stops each piped container and reports the unknown one' {
        $names = 1..2 | ForEach-Object { "dps-pester-stop-$_-$([guid]::NewGuid().ToString('N').Substring(0, 6))" }
        $names | ForEach-Object { docker run -d --name $_ --label dockerps.test=pester $script:image sleep 600 | Out-Null }
        $names[0], 'no-such-container', $names[1] | Stop-DockerContainer -Timeout 0 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DockerPS.Commands.StopDockerContainerCommand'
        $names | ForEach-Object { docker inspect --format '{{.State.Status}}' $_ } | Should -Be 'exited', 'exited'
        $names | Remove-DockerContainer
    }

    It 'changes nothing with -WhatIf' {
        Remove-DockerContainer $script:name -WhatIf
        docker inspect --format '{{.State.Status}}' $script:name | Should -Be 'created'
    }

    It 'rejects a bad port before calling the engine' {
        { New-DockerContainer $script:image -Publish '80:x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidPublish,DockerPS.Commands.NewDockerContainerCommand'
    }
}

Describe 'Get-DockerImage' {
    It 'lists the rows docker images lists' {
        $ours = Get-DockerImage | ForEach-Object { '{0}:{1}' -f $_.Repository, $_.Tag } | Sort-Object
        $cli = docker images --format '{{.Repository}}:{{.Tag}}' | Sort-Object
        $ours | Should -Be $cli
    }

    It 'writes ImageNotFound for a name without wildcards that matches nothing' {
        { Get-DockerImage -Name 'dps-test/none:here' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImageNotFound,DockerPS.Commands.GetDockerImageCommand'
    }
}

Describe 'Get-DockerVersion and Get-DockerInfo' {
    It 'report the engine docker version reports' {
        (Get-DockerVersion).Version | Should -Be (docker version --format '{{.Server.Version}}')
        (Get-DockerInfo).ServerVersion | Should -Be (docker info --format '{{.ServerVersion}}')
    }
}

Describe 'Get-DockerDiskUsage and Get-DockerEvent' {
    It 'count the images docker system df counts' {
        $images = Get-DockerDiskUsage | Where-Object Type -eq 'Images'
        $images.TotalCount | Should -Be ((docker system df --format '{{json .}}' | ConvertFrom-Json | Where-Object Type -eq 'Images').TotalCount)
    }

    It 'returns the events of a container that ran' {
        $since = Get-Date
        $name = "dps-pester-evt-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        docker run --rm --name $name $script:image true | Out-Null
        (Get-DockerEvent -Since $since -Filter @{ container = $name }).Action | Should -Contain 'destroy'
    }
}

Describe 'Unreachable engines' {
    It 'fail with EngineUnreachable naming the endpoint' {
        { Get-DockerContainer -DockerHost 'unix:///tmp/dockerps-nowhere.sock' -ErrorAction Stop } |
            Should -Throw -ErrorId 'EngineUnreachable,DockerPS.Commands.GetDockerContainerCommand'
    }
}

Describe 'Get-DockerContainerLog and Invoke-DockerExec' {
    BeforeAll {
        $script:worker = "dps-pester-exec-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        docker run -d --name $script:worker --label dockerps.test=pester $script:image sh -c 'echo hello; echo oops >&2; sleep 600' | Out-Null
    }

    AfterAll {
        docker rm -f $script:worker | Out-Null
    }

    It 'reads the log per stream as docker logs does' {
        (Get-DockerContainerLog $script:worker -Stream stdout).Text | Should -Be (docker logs $script:worker 2>$null)
        (Get-DockerContainerLog $script:worker -Stream stderr).Text | Should -Be 'oops'
    }

    It 'runs a command with stdin, stdout as output and stderr as information' {
        'a', 'b' | Invoke-DockerExec $script:worker cat | Should -Be 'a', 'b'
        $out = Invoke-DockerExec $script:worker -InformationVariable info -- sh -c 'echo out; echo err >&2'
        $out | Should -Be 'out'
        $info.MessageData.Message | Should -Be 'err'
    }

    It 'sets $LASTEXITCODE and writes ExecExitCode for a failing command' {
        { Invoke-DockerExec $script:worker -ErrorAction Stop -- sh -c 'exit 3' } |
            Should -Throw -ErrorId 'ExecExitCode,DockerPS.Commands.InvokeDockerExecCommand'
        $LASTEXITCODE | Should -Be 3
    }
}

Describe 'Volumes' {
    BeforeAll {
        $script:volume = "dps-pester-vol-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    }

    AfterAll {
        docker rm -f "$script:volume-user" 2>$null | Out-Null
        docker volume rm -f $script:volume | Out-Null
    }

    It 'keeps data between containers' {
        New-DockerVolume $script:volume -Label @{ 'dockerps.test' = 'pester' } | Out-Null
        Invoke-DockerContainer $script:image -Volume "$($script:volume):/data" -Remove -- sh -c 'echo hello > /data/f'
        Invoke-DockerContainer $script:image -Volume "$($script:volume):/data" -Remove -- cat /data/f | Should -Be 'hello'
    }

    It 'lists the volumes docker volume ls lists' {
        (Get-DockerVolume | ForEach-Object { "$($_.Driver) $($_.Name)" }) | Should -Be (docker volume ls --format '{{.Driver}} {{.Name}}')
    }

    It 'keeps a volume in use and writes VolumeInUse' {
        docker create --name "$script:volume-user" --label dockerps.test=pester -v "$($script:volume):/data" $script:image true | Out-Null
        { Remove-DockerVolume $script:volume -ErrorAction Stop } |
            Should -Throw -ErrorId 'VolumeInUse,DockerPS.Commands.RemoveDockerVolumeCommand'
        Get-DockerVolume $script:volume | Should -Not -BeNullOrEmpty
    }
}
