#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A swarm as a runbook drives it: the test swarm of tests/env/swarm.sh (DOCKERPS_TEST_SWARM_HOSTS, the manager's socket
# first) through a context of its own, checked with the docker CLI on the manager. What a test changes is put back.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName swarm
    $script:manager = ($env:DOCKERPS_TEST_SWARM_HOSTS -split ',')[0]
    New-DockerContext $script:run -DockerHost $script:manager | Out-Null

    # The docker CLI on the swarm manager.
    function script:swarm {
        & (Get-Command docker -CommandType Application -TotalCount 1) -H $script:manager @args
    }
}

AfterAll {
    swarm service rm $script:run 2>&1 | Out-Null
    swarm node update --availability active swarm-node2 | Out-Null
    Remove-DockerContext $script:run
}

Describe 'A swarm' {
    It 'lists its nodes as docker node ls does' {
        $rows = Get-DockerNode -Context $script:run | Out-String -Stream -Width 200 | Where-Object { $_ -match '\S' } | Select-Object -Skip 2
        $rows -replace '\s+', ' ' -replace ' $' | Should -Be (swarm node ls --format '{{.ID}} {{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.EngineVersion}}' |
                Sort-Object { ($_ -split ' ')[1] } | ForEach-Object { $_ -replace '\s+', ' ' -replace ' $' })
    }

    It 'moves the tasks off a drained worker' {
        swarm service create --detach --name $script:run --replicas 3 --label "dockerps.pester=$script:run" $script:image sleep 600 2>&1 | Out-Null
        $running = { swarm service ps $script:run --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' | Where-Object { $_ -match ' Running' } }
        $deadline = (Get-Date).AddSeconds(60)
        while (@(& $running).Count -lt 3) { if ((Get-Date) -gt $deadline) { throw 'The service did not reach 3 tasks' }; Start-Sleep -Milliseconds 250 }

        Get-DockerNode swarm-node2 -Context $script:run | Set-DockerNode -Availability drain -PassThru |
            ForEach-Object Availability | Should -Be drain
        $deadline = (Get-Date).AddSeconds(60)
        while ((& $running) -match '^swarm-node2 ' -or @(& $running).Count -lt 3) {
            if ((Get-Date) -gt $deadline) { throw "The tasks did not leave swarm-node2: $(& $running)" }
            Start-Sleep -Milliseconds 250
        }
        (& $running) -match '^swarm-node2 ' | Should -BeNullOrEmpty

        Set-DockerNode swarm-node2 -Availability active -Context $script:run
        swarm node inspect swarm-node2 --format '{{.Spec.Availability}}' | Should -Be active
    }

    It 'says when an engine is not its manager' {
        { Get-DockerNode -ErrorAction Stop } | Should -Throw -ErrorId 'NotSwarmManager,DockerPS.Commands.GetDockerNodeCommand'
    }
}
