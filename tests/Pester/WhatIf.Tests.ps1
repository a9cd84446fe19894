#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# -WhatIf on the state-changing cmdlets: each says what it would do and changes nothing the docker CLI can see.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName whatif
    docker run -d --name $script:run --label "dockerps.pester=$($script:run)" $script:image sleep 600 | Out-Null
    docker tag $script:image "dps-test/$($script:run):v1"
    docker volume create --label "dockerps.pester=$($script:run)" $script:run | Out-Null
    docker network create --label "dockerps.pester=$($script:run)" $script:run | Out-Null

    # What the engine holds that this file made, as the docker CLI lists it.
    function Get-Made {
        docker ps -a --filter "label=dockerps.pester=$($script:run)" --format '{{.Names}} {{.State}}'
        docker images --format '{{.Repository}}:{{.Tag}}' "dps-test/$($script:run)"
        docker volume ls -q --filter "label=dockerps.pester=$($script:run)"
        docker network ls -q --filter "label=dockerps.pester=$($script:run)"
    }
    $script:before = Get-Made
}

AfterAll {
    docker rm -f $script:run | Out-Null
    docker rmi "dps-test/$($script:run):v1" | Out-Null
    docker volume rm $script:run | Out-Null
    docker network rm $script:run | Out-Null
}

Describe '-WhatIf' -Tag Legs {
    It 'names the target of <Command> and changes nothing' -ForEach @(
        @{ Command = 'Stop-DockerContainer'; Run = { Stop-DockerContainer $script:run -WhatIf } }
        @{ Command = 'Remove-DockerContainer'; Run = { Get-DockerContainer $script:run | Remove-DockerContainer -Force -WhatIf } }
        @{ Command = 'New-DockerContainer'; Run = { New-DockerContainer $script:image -Name "$($script:run)-new" -Label @{ 'dockerps.pester' = $script:run } -WhatIf } }
        @{ Command = 'Remove-DockerImage'; Run = { Remove-DockerImage "dps-test/$($script:run):v1" -Force -WhatIf } }
        @{ Command = 'Remove-DockerVolume'; Run = { Remove-DockerVolume $script:run -WhatIf } }
        @{ Command = 'Remove-DockerNetwork'; Run = { Remove-DockerNetwork $script:run -WhatIf } }
    ) {
        # -WhatIf's message goes to the host; a transcript of this runspace's host output catches it.
        $transcript = Join-Path $TestDrive "$Command.txt"
        Start-Transcript $transcript -UseMinimalHeader | Out-Null
        try {
            & $Run
        }
        finally {
            Stop-Transcript | Out-Null
        }
        Get-Content $transcript | Where-Object { $_ -like 'What if:*' } | Should -Match ([regex]::Escape($script:run))
        Get-Made | Should -Be $script:before
    }
}
