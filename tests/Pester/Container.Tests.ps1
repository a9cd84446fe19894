#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Containers as a script uses them, on the leg's endpoint (Legs); the docker CLI on the engine's socket checks.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName ctr
}

AfterAll {
    docker ps -aq --filter "label=dockerps.pester=$($script:run)" | ForEach-Object { docker rm -f $_ } | Out-Null
}

Describe 'A container from create to remove' -Tag Legs {
    It 'creates with CPU shares, environment and labels, starts, waits, reads the exit code and logs, and removes' {
        $name = "$($script:run)-seed"
        $created = New-DockerContainer $script:image -Name $name -CpuShares 512 -Environment @{ WHO = 'pester' } `
            -Label @{ 'dockerps.pester' = $script:run; tier = 'web' } -Command sh, -c, 'echo "hello $WHO"; echo oops >&2; exit 3'
        $created.Name | Should -Be $name
        $created.State | Should -Be 'created'
        docker inspect --format '{{.HostConfig.CpuShares}} {{index .Config.Labels "tier"}}' $name | Should -Be '512 web'
        docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' $name | Should -Contain 'WHO=pester'

        $created | Start-DockerContainer
        $waited = $created | Wait-DockerContainer
        $waited.Container | Should -Be $name
        $waited.ExitCode | Should -Be 3
        $detail = Get-DockerContainer $name -Detail
        $detail.State | Should -Be 'exited'
        $detail.ExitCode | Should -Be 3

        $log = Get-DockerContainerLog $name
        $log | Where-Object Stream -EQ stdout | ForEach-Object Text | Should -Be 'hello pester'
        $log | Where-Object Stream -EQ stderr | ForEach-Object Text | Should -Be 'oops'

        $created | Remove-DockerContainer
        docker ps -aq --filter "name=^$name$" | Should -BeNullOrEmpty
    }

    It 'runs a command in one step and writes its output' {
        Invoke-DockerContainer $script:image -Remove -Label @{ 'dockerps.pester' = $script:run } -Command sh, -c, 'echo one; echo two' |
            Should -Be 'one', 'two'
        docker ps -aq --filter "label=dockerps.pester=$($script:run)" | Should -BeNullOrEmpty
    }
}

Describe 'Listing and filtering containers' -Tag Legs {
    BeforeAll {
        $script:list = "$($script:run)-list"
        docker run --name "$($script:list)-ok" --label "dockerps.pester=$($script:run)" --label role=batch $script:image true | Out-Null
        docker run --name "$($script:list)-bad" --label "dockerps.pester=$($script:run)" --label role=batch $script:image sh -c 'exit 1' | Out-Null
        docker run -d --name "$($script:list)-up" --label "dockerps.pester=$($script:run)" --label role=web $script:image sleep 600 | Out-Null
    }

    It 'lists the containers docker ps -a lists' {
        Get-DockerContainer -Label "dockerps.pester=$($script:run)" | ForEach-Object Id | Sort-Object |
            Should -Be (docker ps -a --no-trunc --filter "label=dockerps.pester=$($script:run)" --format '{{.ID}}' | Sort-Object)
    }

    It 'filters by status, label, name wildcard and engine filter' {
        (Get-DockerContainer "$($script:list)-*" -Status exited).Name | Sort-Object | Should -Be "$($script:list)-bad", "$($script:list)-ok"
        (Get-DockerContainer "$($script:list)-*" -Status running).Name | Should -Be "$($script:list)-up"
        (Get-DockerContainer -Label "dockerps.pester=$($script:run)", 'role=web').Name | Should -Be "$($script:list)-up"
        (Get-DockerContainer "$($script:list)-*" -Filter @{ exited = '1' }).Name | Should -Be "$($script:list)-bad"
    }

    It 'pipes what it lists into the next cmdlet, on the engine it came from' {
        $running = Get-DockerContainer "$($script:list)-up"
        $running.Engine.Endpoint | Should -Be $env:DOCKER_HOST
        $running | Stop-DockerContainer -Timeout 0
        docker inspect --format '{{.State.Status}}' "$($script:list)-up" | Should -Be 'exited'
    }

    It 'writes ContainerNotFound for an unknown name and goes on with the next' {
        $found = "$($script:list)-ok", 'no-such-container', "$($script:list)-bad" |
            Get-DockerContainer -ErrorVariable errors -ErrorAction SilentlyContinue
        $found.Name | Should -Be "$($script:list)-ok", "$($script:list)-bad"
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DockerPS.Commands.GetDockerContainerCommand'
        $errors[0].TargetObject | Should -Be 'no-such-container'
    }

    It 'rejects an unknown filter key with InvalidFilter' {
        { Get-DockerContainer -Filter @{ nosuchkey = 'x' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidFilter,DockerPS.Commands.GetDockerContainerCommand'
    }
}

Describe 'Errors a script can catch' -Tag Legs {
    It 'stops at the first failure with -ErrorAction Stop, and try/catch sees the error id, category and target' {
        $reached = $false
        try {
            Stop-DockerContainer "$($script:run)-missing" -ErrorAction Stop
            $reached = $true
        }
        catch {
            $caught = $_
        }
        $reached | Should -BeFalse
        $caught.FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DockerPS.Commands.StopDockerContainerCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.TargetObject | Should -Be "$($script:run)-missing"
    }

    It 'stops each piped container and reports the unknown one' {
        $names = 1..2 | ForEach-Object { "$($script:run)-stop-$_" }
        $names | ForEach-Object { docker run -d --name $_ --label "dockerps.pester=$($script:run)" $script:image sleep 600 | Out-Null }
        $names[0], "$($script:run)-missing", $names[1] | Stop-DockerContainer -Timeout 0 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DockerPS.Commands.StopDockerContainerCommand'
        $names | ForEach-Object { docker inspect --format '{{.State.Status}}' $_ } | Should -Be 'exited', 'exited'
    }

    It 'rejects a bad port before calling the engine' {
        { New-DockerContainer $script:image -Publish '80:x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidPublish,DockerPS.Commands.NewDockerContainerCommand'
    }
}

Describe 'Logs and exec' -Tag Legs {
    BeforeAll {
        $script:worker = "$($script:run)-exec"
        docker run -d --name $script:worker --label "dockerps.pester=$($script:run)" $script:image sh -c 'echo hello; echo oops >&2; sleep 600' | Out-Null
    }

    It 'reads the log per stream as docker logs does' {
        (Get-DockerContainerLog $script:worker -Stream stdout).Text | Should -Be (docker logs $script:worker 2>$null)
        (Get-DockerContainerLog $script:worker -Stream stderr).Text | Should -Be 'oops'
    }

    It 'runs a command with stdin, stdout as output and stderr as information' {
        'a', 'b' | Invoke-DockerExec $script:worker cat | Should -Be 'a', 'b'
        $out = Invoke-DockerExec $script:worker -InformationVariable info -- sh -c 'echo out; echo err >&2' 6>$null
        $out | Should -Be 'out'
        $info.MessageData.Message | Should -Be 'err'
    }

    It 'sets $LASTEXITCODE and writes ExecExitCode for a failing command' {
        { Invoke-DockerExec $script:worker -ErrorAction Stop -- sh -c 'exit 3' } |
            Should -Throw -ErrorId 'ExecExitCode,DockerPS.Commands.InvokeDockerExecCommand'
        $LASTEXITCODE | Should -Be 3
    }
}
