#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Swarm services as a runbook drives them, on the test swarm of tests/env/swarm.sh (DOCKERPS_TEST_SWARM_HOSTS, the
# manager's socket first) through a context of its own, checked with the docker CLI on the manager. Tasks stop within a
# second (-StopGracePeriod 1s -UpdateMonitor 1s) so that updates take seconds; every service and network made here goes in AfterAll.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName svc
    $script:manager = ($env:DOCKERPS_TEST_SWARM_HOSTS -split ',')[0]
    New-DockerContext $script:run -DockerHost $script:manager | Out-Null
    # The release a service rolls to: the test image under another name on every node (the nodes pull from no registry).
    $script:release = "dps-test/$($script:run):2"
    foreach ($node in $env:DOCKERPS_TEST_SWARM_HOSTS -split ',') { Add-DockerImageTag $script:image $script:release -DockerHost $node }

    # The docker CLI on the swarm manager.
    function script:swarm {
        & (Get-Command docker -CommandType Application -TotalCount 1) -H $script:manager @args
    }
}

AfterAll {
    Get-DockerService "$script:run-*" -Context $script:run | Remove-DockerService
    # The tasks' endpoints leave the overlay network as their containers stop on the nodes.
    $deadline = (Get-Date).AddSeconds(30)
    while ((swarm network rm "$script:run-net" 2>&1) -match 'in use|active endpoints' -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 500 }
    foreach ($node in $env:DOCKERPS_TEST_SWARM_HOSTS -split ',') { Remove-DockerImage $script:release -DockerHost $node -ErrorAction SilentlyContinue }
    Remove-DockerContext $script:run
}

Describe 'A swarm service' {
    It 'runs one task on every node in global mode, as docker service ps shows' {
        $service = New-DockerService $script:image -Name "$script:run-agent" -Mode global -StopGracePeriod 1s -UpdateMonitor 1s -Command sleep, 600 -Context $script:run
        $service.Mode | Should -Be global
        $service.RunningTasks | Should -Be 3

        $tasks = $service | Get-DockerServiceTask -DesiredState running
        $tasks | ForEach-Object { $_.Name | Should -Be "$script:run-agent.$($_.NodeId)" }
        $tasks | ForEach-Object { "$($_.Node) $($_.State)" } | Sort-Object |
            Should -Be (swarm service ps "$script:run-agent" --filter desired-state=running --format '{{.Node}} {{lower .CurrentState}}' |
                ForEach-Object { ($_ -split ' ')[0, 1] -join ' ' } | Sort-Object)
        ($tasks.Node | Sort-Object) | Should -Be swarm-node1, swarm-node2, swarm-node3
    }

    It 'reaches another service by name over an overlay network' {
        New-DockerNetwork "$script:run-net" -Driver overlay -Attachable -Context $script:run | Out-Null
        New-DockerService $script:image -Name "$script:run-db" -Network "$script:run-net" -EndpointMode dnsrr -StopGracePeriod 1s -UpdateMonitor 1s -Command sleep, 600 -Context $script:run | Out-Null
        # No IPVS on these machines: a task reaches the other's tasks by their own addresses (tasks.NAME), across nodes.
        $client = New-DockerService $script:image -Name "$script:run-client" -Network "$script:run-net" -Constraint 'node.hostname==swarm-node2' -StopGracePeriod 1s -UpdateMonitor 1s -Context $script:run `
            -Command sh, -c, "until ping -c 1 -W 1 tasks.$script:run-db >/dev/null 2>&1; do sleep 1; done; echo reached; sleep 600"
        $client.Networks | Should -Be (Get-DockerNetwork "$script:run-net" -Context $script:run).Id

        $line = Get-DockerServiceLog "$script:run-client" -Follow -Context $script:run | Where-Object Text -EQ reached | Select-Object -First 1
        $line.Task | Should -Be "$script:run-client.1"
        $line.Node | Should -Be swarm-node2

        # Detached by the name it was attached by, though the swarm keeps the network's id.
        Set-DockerService "$script:run-client" -RemoveNetwork "$script:run-net" -Detach -Context $script:run
        swarm service inspect "$script:run-client" --format '{{len .Spec.TaskTemplate.Networks}}' | Should -Be 0
    }

    It 'rolls a new image out, then back' {
        $name = "$script:run-roll"
        New-DockerService $script:image -Name $name -Replicas 2 -StopGracePeriod 1s -UpdateMonitor 1s -UpdateParallelism 2 -RollbackParallelism 2 -RollbackMonitor 1s -Command sleep, 600 -Context $script:run | Out-Null

        $updated = Get-DockerService $name -Context $script:run | Set-DockerService -Image $script:release -Environment @{ RELEASE = '2' } -Label @{ release = '2' } -PassThru
        $updated.Image | Should -Be $script:release
        $updated.Environment | Should -Be 'RELEASE=2'
        $updated.UpdateState | Should -Be completed
        swarm service inspect $name --format '{{.Spec.TaskTemplate.ContainerSpec.Image}} {{json .Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.Labels.release}}' |
            Should -Be "$script:release [`"RELEASE=2`"] 2"
        (Get-DockerServiceTask $name -DesiredState running -Context $script:run).Image | Should -Be $script:release, $script:release

        $back = Set-DockerService $name -Rollback -PassThru -Context $script:run
        $back.Image | Should -Be $script:image
        $back.Environment | Should -BeNullOrEmpty
        $back.UpdateState | Should -Be rollback_completed
    }

    It 'says which task failed when it does not converge in time' {
        $name = "$script:run-broken"
        New-DockerService $script:image -Name $name -StopGracePeriod 1s -UpdateMonitor 1s -Timeout 8 -Command sh, -c, 'exit 3' -Context $script:run -ErrorVariable failed -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | Should -Be 'ServiceNotConverged,DockerPS.Commands.NewDockerServiceCommand'
        $failed.Exception.Message | Should -Match "Task $name\.1 on swarm-node\d is failed: task: non-zero exit \(3\)"
        # The service exists: the error's target is what a runbook removes.
        swarm service ls --filter "name=$name" --format '{{.Name}}' | Should -Be $name
    }

    It 'pipes into removal, and -WhatIf removes nothing' {
        Get-DockerService "$script:run-*" -Context $script:run | Remove-DockerService -WhatIf
        @(swarm service ls --filter "name=$script:run-" -q).Count | Should -BeGreaterThan 0
        Get-DockerService "$script:run-*" -Context $script:run | Remove-DockerService
        swarm service ls --filter "name=$script:run-" -q | Should -BeNullOrEmpty
    }
}
