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

Describe 'Enter-DockerContainer off a terminal' {
    It 'refuses with TerminalRequired, naming the piped form' {
        $said = '' | & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$script:module'; try { Enter-DockerContainer $script:container } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $said[0] | Should -Be 'TerminalRequired,DockerPS.Commands.EnterDockerContainerCommand'
        $said[1] | Should -Match 'Invoke-DockerExec'
    }

    It 'refuses detach keys docker does not know' {
        { Enter-DockerContainer $script:container -DetachKeys ctrl-p, ctrl-1 } | Should -Throw -ErrorId 'InvalidDetachKeys,DockerPS.Commands.EnterDockerContainerCommand'
        { Enter-DockerContainer $script:container -DetachKeys 'ctrl-p,,' } | Should -Throw -ErrorId 'InvalidDetachKeys,DockerPS.Commands.EnterDockerContainerCommand'
    }
}
