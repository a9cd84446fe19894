#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Secrets and configs as a runbook handles them, on the test swarm of tests/env/swarm.sh (DOCKERPS_TEST_SWARM_HOSTS, the
# manager's socket first) through a context of its own, checked with the docker CLI on the manager. Everything made is
# named and labelled with this run's name and removed after each test.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName secrets
    $script:label = "dockerps.pester=$script:run"
    $script:manager = ($env:DOCKERPS_TEST_SWARM_HOSTS -split ',')[0]
    New-DockerContext $script:run -DockerHost $script:manager | Out-Null
    $script:password = 'correct horse battery staple'

    # The docker CLI on the swarm manager.
    function script:swarm {
        & (Get-Command docker -CommandType Application -TotalCount 1) -H $script:manager @args
    }

    # What a test made, and the service that may use it.
    function script:Remove-Made {
        swarm service rm "$script:run-svc" 2>&1 | Out-Null
        swarm secret ls --filter "label=$script:label" -q | ForEach-Object { swarm secret rm $_ | Out-Null }
        swarm config ls --filter "label=$script:label" -q | ForEach-Object { swarm config rm $_ | Out-Null }
    }
}

AfterAll {
    Remove-DockerContext $script:run
}

Describe 'Secrets' {
    AfterEach { Remove-Made }

    It 'are made from a SecureString and listed as docker secret ls lists them' {
        $value = ConvertTo-SecureString $script:password -AsPlainText -Force
        $made = New-DockerSecret "$script:run-db" $value -Label @{ 'dockerps.pester' = $script:run } -Context $script:run
        $made.Name | Should -Be "$script:run-db"

        $rows = Get-DockerSecret -Label $script:label -Context $script:run | Out-String -Stream -Width 200 | Where-Object { $_ -match '\S' }
        ($rows[0] -split '\s+' -ne '') | Should -Be ID, NAME, DRIVER, CREATED, UPDATED
        ($rows[2] -split '\s+')[0..1] | Should -Be (swarm secret ls --filter "label=$script:label" --format '{{.ID}} {{.Name}}').Split(' ')
    }

    It 'never show their value, not even in -Debug and -Verbose output or errors' {
        $value = ConvertTo-SecureString $script:password -AsPlainText -Force
        $all = & {
            New-DockerSecret "$script:run-db" $value -Label @{ 'dockerps.pester' = $script:run } -Context $script:run -Debug -Verbose
            $script:password | New-DockerSecret "$script:run-db" -Context $script:run -Debug -Verbose -ErrorAction Continue
        } *>&1 | Out-String -Width 500
        $all | Should -Match '/secrets/create -> 201'
        $Error[0].FullyQualifiedErrorId | Should -Be 'SecretExists,DockerPS.Commands.NewDockerSecretCommand'
        $all | Should -Not -Match ([regex]::Escape($script:password))
        $all | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:password))))
        ($Error[0] | Format-List * -Force | Out-String) + ($Error[0].Exception | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($script:password))
    }

    It 'complete by name and stay while a service uses them' {
        'x' | New-DockerSecret "$script:run-used" -Label @{ 'dockerps.pester' = $script:run } -Context $script:run | Out-Null
        swarm service create --detach --quiet --replicas 0 --name "$script:run-svc" --secret "$script:run-used" $script:image true 2>&1 | Out-Null

        $line = "Remove-DockerSecret -Context $script:run $script:run-us"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be "$script:run-used"
        { Remove-DockerSecret "$script:run-used" -Context $script:run -ErrorAction Stop } |
            Should -Throw -ErrorId 'SecretInUse,DockerPS.Commands.RemoveDockerSecretCommand'

        swarm service rm "$script:run-svc" | Out-Null
        Get-DockerSecret "$script:run-used" -Context $script:run | Remove-DockerSecret
        swarm secret ls --filter "name=$script:run-used" -q | Should -BeNullOrEmpty
    }

    It 'say when an engine is not a swarm manager' {
        { Get-DockerSecret -ErrorAction Stop } | Should -Throw -ErrorId 'NotSwarmManager,DockerPS.Commands.GetDockerSecretCommand'
    }
}

Describe 'Configs' {
    AfterEach { Remove-Made }

    It 'take a file''s lines from Get-Content, or its bytes, as the CLI reads them back' {
        $file = Join-Path $TestDrive nginx.conf
        Set-Content $file "server {`n  listen 80;`n}" -NoNewline
        Get-Content $file | New-DockerConfig "$script:run-lines" -Label @{ 'dockerps.pester' = $script:run } -Context $script:run | Out-Null
        Get-Content $file -AsByteStream -Raw | New-DockerConfig "$script:run-bytes" -Label @{ 'dockerps.pester' = $script:run } -Context $script:run | Out-Null
        New-DockerConfig "$script:run-path" -Path $file -Label @{ 'dockerps.pester' = $script:run } -Context $script:run | Out-Null

        foreach ($name in 'lines', 'bytes', 'path') {
            (swarm config inspect "$script:run-$name" --format '{{json .Spec.Data}}').Trim('"') |
                Should -BeExactly ([Convert]::ToBase64String([IO.File]::ReadAllBytes($file))) -Because $name
        }
        (Get-DockerConfig "$script:run-*" -Context $script:run).Content | Should -Be (@("server {`n  listen 80;`n}") * 3)
    }

    It 'are listed as docker config ls lists them and removed through the pipeline' {
        'a=1' | New-DockerConfig "$script:run-app" -Label @{ 'dockerps.pester' = $script:run } -Context $script:run | Out-Null
        $rows = Get-DockerConfig -Label $script:label -Context $script:run | Out-String -Stream -Width 200 | Where-Object { $_ -match '\S' }
        ($rows[0] -split '\s+' -ne '') | Should -Be ID, NAME, CREATED, UPDATED
        ($rows[2] -split '\s+')[0..1] | Should -Be (swarm config ls --filter "label=$script:label" --format '{{.ID}} {{.Name}}').Split(' ')

        Get-DockerConfig -Label $script:label -Context $script:run | Remove-DockerConfig -WhatIf
        swarm config ls --filter "label=$script:label" -q | Should -Not -BeNullOrEmpty
        Get-DockerConfig -Label $script:label -Context $script:run | Remove-DockerConfig
        swarm config ls --filter "label=$script:label" -q | Should -BeNullOrEmpty
    }
}
