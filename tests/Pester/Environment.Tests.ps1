#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A small application environment made the way a deployment script makes one, on the leg's endpoint (Legs): a
# network, a volume, a web server serving the volume and two clients that reach it by name and alias. Reachability is
# checked from inside the containers (exec), never from the host. The teardown is a script's: by label, safe to rerun.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName envt
    $script:label = "dockerps.pester=$($script:run)"

    # Removes everything labelled for this environment; running it again finds nothing and does nothing.
    function Remove-TestApplication {
        [CmdletBinding()]
        param()
        Get-DockerContainer -Label $script:label | Remove-DockerContainer -Force
        Get-DockerNetwork -Label $script:label | Remove-DockerNetwork
        Get-DockerVolume -Label $script:label | Remove-DockerVolume
    }
}

AfterAll {
    docker ps -aq --filter "label=$($script:label)" | ForEach-Object { docker rm -f $_ } | Out-Null
    docker network ls -q --filter "label=$($script:label)" | ForEach-Object { docker network rm $_ } | Out-Null
    docker volume ls -q --filter "label=$($script:label)" | ForEach-Object { docker volume rm $_ } | Out-Null
}

Describe 'A network, a volume and containers that reach each other by name' -Tag Legs {
    BeforeAll {
        $labels = @{ 'dockerps.pester' = $script:run }
        $script:network = New-DockerNetwork "$($script:run)-net" -Label $labels
        $script:volume = New-DockerVolume "$($script:run)-site" -Label $labels
        Invoke-DockerContainer $script:image -Remove -Label $labels -Volume "$($script:volume.Name):/site" `
            -Command sh, -c, 'echo "served from the volume" > /site/index.html'
        $script:web = Invoke-DockerContainer $script:image -Detach -Name "$($script:run)-web" -Network $script:network.Name `
            -Volume "$($script:volume.Name):/site:ro" -Label $labels -Command httpd, -f, -p, 8080, -h, /site
        $script:clients = 1..2 | ForEach-Object {
            Invoke-DockerContainer $script:image -Detach -Name "$($script:run)-client$_" -Network $script:network.Name `
                -Label $labels -Command sleep, 600
        }
    }

    It 'shows the containers attached to the network' {
        (Get-DockerNetwork $script:network.Name -Detail).Containers.Name | Sort-Object |
            Should -Be "$($script:run)-client1", "$($script:run)-client2", "$($script:run)-web"
    }

    It 'lets each client fetch the page from the web container by its name' {
        foreach ($client in $script:clients) {
            Invoke-DockerExec $client.Name -- wget -q -O - "http://$($script:run)-web:8080/" | Should -Be 'served from the volume'
        }
    }

    It 'lets one client reach the other by name' {
        $ping = Invoke-DockerExec "$($script:run)-client1" -- ping -c 1 -W 5 "$($script:run)-client2"
        $ping -join "`n" | Should -Match '1 packets transmitted, 1 packets received'
    }

    It 'is torn down by label, and tearing it down again finds nothing and fails nothing' {
        Remove-TestApplication
        docker ps -aq --filter "label=$($script:label)" | Should -BeNullOrEmpty
        docker network ls -q --filter "label=$($script:label)" | Should -BeNullOrEmpty
        docker volume ls -q --filter "label=$($script:label)" | Should -BeNullOrEmpty
        Remove-TestApplication -ErrorVariable again
        $again | Should -BeNullOrEmpty
    }
}
