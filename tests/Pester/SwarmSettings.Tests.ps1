#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The swarm's settings as a runbook changes them, on the test swarm of tests/env/swarm.sh (DOCKERPS_TEST_SWARM_HOSTS,
# the manager's socket first), checked with the docker CLI on the manager. Every setting changed is put back; autolock
# is never turned on here (other specs use this swarm): the xunit SwarmSettingsTests lock and unlock an engine of their own.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:manager = ($env:DOCKERPS_TEST_SWARM_HOSTS -split ',')[0]
    $PSDefaultParameterValues['*-Docker*:DockerHost'] = $script:manager

    # The docker CLI on the swarm manager.
    function script:swarm {
        & (Get-Command docker -CommandType Application -TotalCount 1) -H $script:manager @args
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-Docker*:DockerHost')
}

Describe 'The settings of a swarm' {
    It 'change as docker swarm update shows them, and go back' {
        $before = swarm info --format '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}}'
        $limit, $heartbeat = $before -split ' '
        try {
            $swarm = Set-DockerSwarm -TaskHistoryLimit 7 -DispatcherHeartbeat 6s -PassThru
            $swarm.TaskHistoryLimit | Should -Be 7
            $swarm.DispatcherHeartbeat | Should -Be ([timespan]::FromSeconds(6))
            swarm info --format '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}}' | Should -Be '7 6s'
        }
        finally {
            swarm swarm update --task-history-limit $limit --dispatcher-heartbeat $heartbeat | Out-Null
        }
        swarm info --format '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}}' | Should -Be $before
    }

    It 'changes nothing with -WhatIf' {
        $version = swarm info --format '{{.Swarm.Cluster.Version.Index}}'
        Set-DockerSwarm -Autolock $true -TaskHistoryLimit 1 -WhatIf
        swarm info --format '{{.Swarm.Cluster.Version.Index}} {{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}' | Should -Be "$version false"
    }

    It 'rotates the worker join token as docker swarm join-token --rotate does' {
        # tests/env/swarm.sh and the node tests read the token afresh each time: nothing holds the old one.
        $old = swarm swarm join-token -q worker
        $manager = swarm swarm join-token -q manager
        $new = (Set-DockerSwarm -RotateWorkerToken -PassThru).WorkerJoinToken
        $new | Should -Not -Be $old
        swarm swarm join-token -q worker | Should -Be $new
        swarm swarm join-token -q manager | Should -Be $manager
    }

    It 'has no unlock key without autolock, and is not locked' {
        { Get-DockerSwarmUnlockKey -ErrorAction Stop } | Should -Throw -ErrorId 'NoUnlockKey,DockerPS.Commands.GetDockerSwarmUnlockKeyCommand'
        $key = 'SWMKEY-1-' + [Convert]::ToBase64String([byte[]](1..32))
        $record = { Unlock-DockerSwarm $key -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotLocked,DockerPS.Commands.UnlockDockerSwarmCommand' -PassThru
        "$record $($record.TargetObject)" | Should -Not -Match ([regex]::Escape($key.Substring(9)))
    }
}

Describe 'Get-DockerInfo' {
    It 'shows the swarm of a manager as docker info does' {
        $info = Get-DockerInfo
        "$($info.SwarmState) $($info.SwarmNodeId) $($info.SwarmIsManager) $($info.SwarmClusterId) $($info.SwarmManagers) $($info.SwarmNodes)".ToLowerInvariant() |
            Should -Be (swarm info --format '{{.Swarm.LocalNodeState}} {{.Swarm.NodeID}} {{.Swarm.ControlAvailable}} {{.Swarm.Cluster.ID}} {{.Swarm.Managers}} {{.Swarm.Nodes}}')
        $view = $info | Out-String -Width 200
        $view | Should -Match "SwarmClusterId\s+: $($info.SwarmClusterId)"
        $view | Should -Match 'SwarmNodes\s+: 3'
    }
}
