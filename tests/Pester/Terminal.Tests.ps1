#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Interactive sessions as a person at a terminal has them: a new pwsh on a pseudo-terminal that Terminal.py drives
# (it types, waits for output with a timeout, resizes the terminal, and kills what is left at the end), importing
# out/DockerPS at its prompt and entering a container of the test engine. Off a terminal, the cmdlet refuses.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName tty
    $script:container = "$($script:run)-shell"
    docker run -d --name $script:container --label "dockerps.pester=$($script:run)" $script:image sleep 600 | Out-Null
    $script:module = Join-Path $PSScriptRoot ../../out/DockerPS/DockerPS.psd1
    $script:prompt = 'PS [^\r\n]*> '

    # Runs the steps (hashtables: send, expect, resize) in a new interactive pwsh on a 24x80 terminal, the module imported.
    function script:Invoke-TerminalSession([hashtable[]] $Steps) {
        $script = @(
            @{ expect = $script:prompt }
            @{ send = "Import-Module '$script:module'`r" }
            @{ expect = $script:prompt }
        ) + $Steps
        $result = $script | ConvertTo-Json -AsArray -Compress |
            python3 (Join-Path $PSScriptRoot Terminal.py) 24 80 30 -- (Join-Path $PSHOME pwsh) -NoProfile -NoLogo | ConvertFrom-Json
        $result.ok | Should -BeTrue -Because "$($result.error); the terminal showed: $($result.output -replace '\x1b\[[0-9;?]*[A-Za-z]')"
        $result.output
    }
}

AfterAll {
    docker ps -aq --filter "label=dockerps.pester=$($script:run)" | ForEach-Object { docker rm -f $_ } | Out-Null
}

Describe 'Enter-DockerContainer' {
    It 'runs a shell on a TTY of the terminal''s size, follows a resize, and sets $LASTEXITCODE to its exit code' {
        Invoke-TerminalSession @(
            @{ send = "Enter-DockerContainer $script:container`r" }
            @{ expect = '/ # ' }
            @{ send = "echo `$((6*7)); tty; stty size`r" }
            @{ expect = '\r\n42\r\n/dev/pts/\d+\r\n24 80\r\n' }
            # Raw input: the arrow key's escape sequence reaches the shell, which recalls the line.
            @{ send = "`e[A`r" }
            @{ expect = '\r\n42\r\n/dev/pts/\d+\r\n24 80\r\n' }
            @{ resize = 30, 100 }
            @{ send = "until [ `"`$(stty size)`" = '30 100' ]; do sleep 0.1; done; echo resized`r" }
            @{ expect = '\r\nresized\r\n' }
            @{ send = "exit 3`r" }
            @{ expect = $script:prompt }
            @{ send = "'code', `$LASTEXITCODE, `$Error[0].FullyQualifiedErrorId -join ' '`r" }
            @{ expect = 'code 3 ExecExitCode,DockerPS.Commands.EnterDockerContainerCommand' }
        )
    }

    It 'leaves the shell running on the detach keys and writes its exec instance' {
        Invoke-TerminalSession @(
            @{ send = "`$exec = Enter-DockerContainer $script:container -DetachKeys q, q; 'running', `$exec.Running, `$exec.Pid -join ' '`r" }
            @{ expect = '/ # ' }
            # A q not followed by another is held back, then sent with the next key.
            @{ send = "echo q" }
            @{ send = "w`r" }
            @{ expect = '\r\nqw\r\n' }
            @{ send = 'qq' }
            @{ expect = 'running True \d+' }
        ) | Out-Null
        # The shell goes on in the container, as docker exec -it's does.
        docker top $script:container | Out-String | Should -Match '(?m)\ssh\s*$'
    }
}

Describe 'Connect-DockerContainer' {
    BeforeAll {
        $script:attached = "$($script:run)-attach"
        docker run -dit --name $script:attached --label "dockerps.pester=$($script:run)" $script:image sh | Out-Null
    }

    It 'attaches the console to a TTY container''s shell, follows a resize, and leaves it running on the detach keys' {
        Invoke-TerminalSession @(
            @{ send = "`$c = Connect-DockerContainer $script:attached; 'detached', `$c.Name, `$c.State -join ' '`r" }
            # The shell was waiting at its prompt already: the attach resizes the TTY, and the shell redraws it.
            @{ expect = '/ # ' }
            @{ send = "echo `$((6*7)); stty size`r" }
            @{ expect = '\r\n42\r\n24 80\r\n' }
            @{ resize = 30, 100 }
            @{ send = "until [ `"`$(stty size)`" = '30 100' ]; do sleep 0.1; done; echo resized`r" }
            @{ expect = '\r\nresized\r\n' }
            @{ send = "`u{10}`u{11}" }
            @{ expect = "detached $script:attached running" }
        ) | Out-Null
        docker inspect -f '{{.State.Running}}' $script:attached | Should -Be 'true'
    }

    It 'sets $LASTEXITCODE to the container''s exit code when its process exits' {
        Invoke-TerminalSession @(
            @{ send = "Connect-DockerContainer $script:attached`r" }
            @{ expect = '/ # ' }
            @{ send = "exit 3`r" }
            @{ expect = $script:prompt }
            @{ send = "'code', `$LASTEXITCODE, `$Error[0].FullyQualifiedErrorId -join ' '`r" }
            @{ expect = 'code 3 ContainerExitCode,DockerPS.Commands.ConnectDockerContainerCommand' }
        ) | Out-Null
        docker inspect -f '{{.State.ExitCode}}' $script:attached | Should -Be '3'
    }

    It 'writes the output of a container without a TTY until it exits, off a terminal too' {
        $name = "$($script:run)-output"
        docker run -d --name $name --label "dockerps.pester=$($script:run)" $script:image sh -c 'sleep 1; echo out; echo err >&2; exit 4' | Out-Null
        $output = Connect-DockerContainer $name -InformationVariable info -ErrorVariable failed -ErrorAction SilentlyContinue
        $output | Should -Be 'out'
        $info.MessageData.Message | Should -Be 'err'
        $LASTEXITCODE | Should -Be 4
        $failed[0].FullyQualifiedErrorId | Should -Be 'ContainerExitCode,DockerPS.Commands.ConnectDockerContainerCommand'
    }

    It 'writes the output of a TTY container as text with -NoStdin' {
        $name = "$($script:run)-nostdin"
        docker run -dit --name $name --label "dockerps.pester=$($script:run)" $script:image sh -c 'read -t 1 x; echo done' | Out-Null
        Connect-DockerContainer $name -NoStdin | Should -Be 'done'
        $LASTEXITCODE | Should -Be 0
    }

    It 'refuses a container that is not running with ContainerNotRunning' {
        $name = "$($script:run)-created"
        docker create --name $name --label "dockerps.pester=$($script:run)" $script:image sh | Out-Null
        Connect-DockerContainer $name -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -Be 'ContainerNotRunning,DockerPS.Commands.ConnectDockerContainerCommand'
        $failed[0].Exception.Message | Should -Match 'Start-DockerContainer'
    }
}

Describe 'Invoke-DockerContainer -Interactive -Tty' {
    It 'runs the container on the console, sets $LASTEXITCODE, and removes it with -Remove' {
        $name = "$($script:run)-run"
        Invoke-TerminalSession @(
            @{ send = "Invoke-DockerContainer $script:image -Name $name -Label @{ 'dockerps.pester' = '$($script:run)' } -Interactive -Tty -Remove -- sh`r" }
            @{ expect = '/ # ' }
            @{ send = "echo `$((6*7)); tty; stty size`r" }
            @{ expect = '\r\n42\r\n/dev/pts/\d+\r\n24 80\r\n' }
            @{ send = "exit 3`r" }
            @{ expect = $script:prompt }
            @{ send = "'code', `$LASTEXITCODE, `$Error[0].FullyQualifiedErrorId, (Get-DockerContainer -Name $name).Count -join ' '`r" }
            @{ expect = 'code 3 ContainerExitCode,DockerPS.Commands.InvokeDockerContainerCommand 0' }
        ) | Out-Null
        docker ps -aq --filter "name=^$name`$" | Should -BeNullOrEmpty
    }

    It 'leaves the container running on the detach keys, -Remove then waiting for its exit' {
        $name = "$($script:run)-detach"
        Invoke-TerminalSession @(
            @{ send = "`$c = Invoke-DockerContainer $script:image -Name $name -Label @{ 'dockerps.pester' = '$($script:run)' } -Interactive -Tty -Remove -DetachKeys q, q -- sh; 'detached', `$c.State -join ' '`r" }
            @{ expect = '/ # ' }
            @{ send = 'qq' }
            @{ expect = 'detached running' }
        ) | Out-Null
        docker inspect -f '{{.State.Running}} {{.HostConfig.AutoRemove}}' $name | Should -Be 'true true'
        docker stop -t 0 $name | Out-Null
        # The engine removes it after its exit, in its own time.
        $deadline = (Get-Date).AddSeconds(10)
        while ((docker ps -aq --filter "name=^$name`$") -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
        docker ps -aq --filter "name=^$name`$" | Should -BeNullOrEmpty
    }

    It 'creates nothing with -WhatIf' {
        $name = "$($script:run)-whatif"
        Invoke-TerminalSession @(
            @{ send = "Invoke-DockerContainer $script:image -Name $name -Interactive -Tty -WhatIf -- sh`r" }
            @{ expect = 'What if: .*Run container in the console' }
            @{ expect = $script:prompt }
        ) | Out-Null
        docker ps -aq --filter "name=^$name`$" | Should -BeNullOrEmpty
    }
}

Describe 'Interactive sessions off a terminal' {
    It 'refuses with TerminalRequired, naming the piped form' {
        $said = '' | & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$script:module'; try { Enter-DockerContainer $script:container } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $said[0] | Should -Be 'TerminalRequired,DockerPS.Commands.EnterDockerContainerCommand'
        $said[1] | Should -Match 'Invoke-DockerExec'
    }

    It 'refuses Connect-DockerContainer to a TTY container, naming -NoStdin' {
        $name = "$($script:run)-offterminal"
        docker run -dit --name $name --label "dockerps.pester=$($script:run)" $script:image sh | Out-Null
        $said = '' | & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$script:module'; try { Connect-DockerContainer $name } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $said[0] | Should -Be 'TerminalRequired,DockerPS.Commands.ConnectDockerContainerCommand'
        $said[1] | Should -Match 'NoStdin'
    }

    It 'refuses Invoke-DockerContainer -Interactive -Tty without input, naming -Input' {
        $said = '' | & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$script:module'; try { Invoke-DockerContainer $script:image -Interactive -Tty -Label @{ 'dockerps.pester' = '$($script:run)'; 'dockerps.offtty' = '1' } -- sh } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $said[0] | Should -Be 'TerminalRequired,DockerPS.Commands.InvokeDockerContainerCommand'
        $said[1] | Should -Match '-Input'
        docker ps -aq --filter "label=dockerps.pester=$($script:run)" --filter label=dockerps.offtty | Should -BeNullOrEmpty
    }

    It 'refuses detach keys docker does not know' {
        { Enter-DockerContainer $script:container -DetachKeys ctrl-p, ctrl-1 } | Should -Throw -ErrorId 'InvalidDetachKeys,DockerPS.Commands.EnterDockerContainerCommand'
        { Enter-DockerContainer $script:container -DetachKeys 'ctrl-p,,' } | Should -Throw -ErrorId 'InvalidDetachKeys,DockerPS.Commands.EnterDockerContainerCommand'
        { Connect-DockerContainer $script:container -DetachKeys ctrl-1 } | Should -Throw -ErrorId 'InvalidDetachKeys,DockerPS.Commands.ConnectDockerContainerCommand'
        { Invoke-DockerContainer $script:image -DetachKeys ctrl-1 } | Should -Throw -ErrorId 'InvalidDetachKeys,DockerPS.Commands.InvokeDockerContainerCommand'
    }
}
