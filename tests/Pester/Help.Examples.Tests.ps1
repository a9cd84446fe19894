#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Runs every example of every cmdlet's help, as Get-Help shows it, against the test engine (DOCKER_HOST and the
# DOCKERPS_TEST_* variables of tests/env/up.sh). The spec makes what the examples name (containers, images, networks,
# volumes, files, contexts, an ssh config) and removes it again; registry examples use the test registry as
# localhost:<port>, a second engine is the test engine's TLS endpoint, and remote build contexts come from a web server
# the spec starts on localhost:5180 (busybox httpd, which tests/env/up.sh installs). Prompts (Get-Credential, Read-Host) are
# answered by mocks. Each example must run without an error other than the ones it shows, and what it shows as output
# (table columns, list labels) must be in what it writes.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $examples = foreach ($command in Get-Command -Module DockerPS -CommandType Cmdlet | Sort-Object Name) {
        $number = 0
        foreach ($example in (Get-Help $command.Name -Full).examples.example) {
            $number++
            @{ Command = $command.Name; Number = $number; Title = $example.title.Trim(' -'); Code = $example.code }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $PSStyle.OutputRendering = 'PlainText'
    $ProgressPreference = 'SilentlyContinue'

    $envFolder = $env:DOCKERPS_ENV ?? '/tmp/dockerps-env'
    if (-not $env:DOCKERPS_TEST_REGISTRY) {
        # Run by hand: the variables tests/env/up.sh writes.
        foreach ($line in Get-Content (Join-Path $envFolder env.sh)) {
            if ($line -match '^export (\w+)=(.*)$') { Set-Item "env:$($Matches[1])" $Matches[2] }
        }
    }
    $env:DOCKER_HOST = $env:DOCKER_HOST ?? $env:DOCKERPS_TEST_DOCKER_HOST
    $script:dockerHost = $env:DOCKER_HOST
    # The swarm cmdlets' examples run on the test swarm's manager (tests/env/swarm.sh: swarm-node1, workers swarm-node2 and 3).
    $script:swarmManager = ($env:DOCKERPS_TEST_SWARM_HOSTS -split ',')[0]
    # The services' examples run busybox:1.36, which every node has as the test image; their services go after each.
    foreach ($node in $env:DOCKERPS_TEST_SWARM_HOSTS -split ',') { Add-DockerImageTag dockerps-test/busybox:latest busybox:1.36 -DockerHost $node }
    $script:services = 'pinger', 'web', 'ops', 'shop-web'
    function script:New-ExampleService([string] $Name, [hashtable] $Label = @{}) {
        # Tasks that stop at once, update two at a time and are watched 1 s: the examples take seconds, not the default periods.
        New-DockerService busybox:1.36 -Name $Name -Replicas 2 -Label $Label -StopGracePeriod 1s -UpdateParallelism 2 -UpdateMonitor 1s -RollbackParallelism 2 -RollbackMonitor 1s -Command sh, -c, 'echo ready; sleep 86400' | Out-Null
    }
    # The stacks' examples: two services of busybox:1.36 whose tasks stop at once, web with a secret from a file.
    $script:stacks = 'shop', 'shop-test-1'
    $script:stackFile = "services:`n  web:`n    image: busybox:1.36`n    command: [sleep, '86400']`n    stop_grace_period: 1s`n    secrets: [db_key]`n    deploy:`n      replicas: `${WEB_REPLICAS:-1}`n" +
        "  db:`n    image: busybox:1.36`n    command: [sleep, '86400']`n    stop_grace_period: 1s`nsecrets:`n  db_key:`n    file: ./db.key"
    function script:New-ExampleStack([string] $Name, [switch] $Deploy) {
        Set-Content compose.yaml $script:stackFile
        Set-Content db.key 's3cret'
        if ($Deploy) { Deploy-DockerStack -Name $Name | Out-Null }
    }
    $script:run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:runLabel = "dockerps.help-examples=$script:run"
    $script:registry = 'localhost:' + ($env:DOCKERPS_TEST_REGISTRY -split ':')[-1]
    $script:registryCredential = [pscredential]::new($env:DOCKERPS_TEST_REGISTRY_USER,
        (ConvertTo-SecureString $env:DOCKERPS_TEST_REGISTRY_PASSWORD -AsPlainText -Force))
    # What a runbook would find in its secret variables.
    $env:REGISTRY_USER = $env:DOCKERPS_TEST_REGISTRY_USER
    $env:REGISTRY_TOKEN = $env:DOCKERPS_TEST_REGISTRY_PASSWORD

    # The docker CLI's config (contexts, logins) and the home folder (~/.ssh, ~/certs) of the examples' user.
    $script:root = (New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "dockerps-examples-$script:run")).FullName
    $env:DOCKER_CONFIG = (New-Item -ItemType Directory (Join-Path $script:root docker)).FullName
    $script:userHome = (New-Item -ItemType Directory (Join-Path $script:root home)).FullName
    $script:originalHome = (Get-PSProvider FileSystem).Home
    $script:originalEnvHome = $env:HOME

    # One image the examples know by many names. Its label sets it apart from every other image on the engine, so
    # containers made from it (or from images built on it) are found by ancestor and removed after each example.
    $script:build = (New-Item -ItemType Directory (Join-Path $script:root build)).FullName
    Set-Content (Join-Path $script:build Dockerfile) @"
FROM $($env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest')
LABEL dockerps.help-examples=$script:run
RUN mkdir -p /etc/nginx /usr/share/nginx/html /srv /data /restore /var/log /tmp && \
    printf 'root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/srv:/bin/sh\n' > /etc/passwd && \
    printf 'root:x:0:\nwww-data:x:33:\n' > /etc/group && \
    echo 'worker_processes 1;' > /etc/nginx/nginx.conf && echo ok > /usr/share/nginx/html/index.html && \
    printf '#!/bin/sh\necho reindexed \$MODE\n' > /srv/reindex.sh && chmod +x /srv/reindex.sh && chown 33:33 /srv && \
    echo started > /var/log/app.log && touch /ready /data/a /data/b
CMD ["sh", "-c", "trap 'exit 0' TERM; trap 'echo reloading' HUP; echo 'listening on :8080'; echo 'GET /health 200'; echo 'connection refused: db:5432' >&2; echo 'GET /orders 500'; echo ready; while true; do sleep 1 & wait; done"]
"@
    $script:image = Invoke-DockerBuild $script:build -Tag nginx:1.27 -InformationAction Ignore
    $script:names = 'busybox:latest', 'myapp:1.4', 'myapp:1.3', 'myapp:latest', 'app:dev', 'shop/web:1.4', 'shop/web:1.3', 'redis:7', 'myapp/api:1', 'myapp/worker:1'
    Add-DockerImageTag nginx:1.27 -Tag $script:names
    Set-Content (Join-Path $script:build Dockerfile) "FROM nginx:1.27`nCMD [`"sh`", `"-c`", `"echo migrating `$DB; echo 'relation orders exists'; exit 3`"]"
    Invoke-DockerBuild $script:build -Tag myorg/migrate:2 -InformationAction Ignore | Out-Null

    # The test registry holds what the registry examples pull. What an interrupted earlier run left under its name
    # (rows known only by digest, once their tag moved to a newer pull) would be among what the examples list and push.
    Get-DockerImage "$script:registry/*" | Remove-DockerImage -Force -ErrorAction SilentlyContinue
    Connect-DockerRegistry $script:registry -Credential $script:registryCredential | Out-Null
    Add-DockerImageTag nginx:1.27 "$script:registry/tools/busybox:1.36", "$script:registry/team/base:1", "$script:registry/team/app:1.0"
    "$script:registry/tools/busybox:1.36", "$script:registry/team/base:1", "$script:registry/team/app:1.0" | Push-DockerImage | Out-Null
    Remove-DockerImage "$script:registry/tools/busybox:1.36", "$script:registry/team/app:1.0" | Out-Null

    # Contexts the examples name; the prod engines are the test engine over TLS, the others over its socket.
    $tls = Join-Path $envFolder tls/client
    $certs = New-Item -ItemType Directory (Join-Path $script:userHome certs)
    Copy-Item (Join-Path $tls '*.pem') $certs
    function script:New-ExampleContext([string] $Name, [switch] $Tls) {
        if ($Tls) {
            New-DockerContext $Name -DockerHost tcp://127.0.0.1:2376 -TlsCACertificate $certs/ca.pem -TlsCertificate $certs/cert.pem -TlsKey $certs/key.pem | Out-Null
        }
        else {
            New-DockerContext $Name -DockerHost $env:DOCKERPS_TEST_DOCKER_HOST | Out-Null
        }
    }
    foreach ($name in 'prod', 'prod1', 'prod2', 'prod-eu', 'prod-us') { New-ExampleContext $name -Tls }
    New-ExampleContext staging

    # ~/.ssh as a user keeps it: host aliases for the test sshd, a deploy key with a passphrase, a default key.
    $sshEnv = Join-Path $envFolder ssh
    $ssh = New-Item -ItemType Directory (Join-Path $script:userHome .ssh)
    Copy-Item (Join-Path $sshEnv home/.ssh/id_ed25519) $ssh
    Copy-Item (Join-Path $sshEnv home/.ssh/id_rsa_pass) (Join-Path $ssh deploy_rsa)
    Copy-Item (Join-Path $sshEnv home/.ssh/known_hosts) $ssh
    Set-Content (Join-Path $ssh config) "Host prod.example.org build-01 lab-host`n  HostName 127.0.0.1`n  Port 2222`nHost prod.example.org build-01`n  User root`nHost lab-host`n  User dockerps"
    $script:sshPassphrase = ConvertTo-SecureString (Get-Content (Join-Path $sshEnv passphrase)) -AsPlainText -Force
    $script:sshPassword = [pscredential]::new('dockerps', (ConvertTo-SecureString (Get-Content (Join-Path $sshEnv password)) -AsPlainText -Force))

    function script:New-ExampleContainer {
        param(
            [Parameter(Mandatory, Position = 0)] [string] $Name,
            [hashtable] $Label = @{},
            [string] $Image = 'nginx:1.27',
            [string[]] $Command,
            [string[]] $Publish,
            [ValidateSet('running', 'exited', 'created', 'paused')] [string] $State = 'running'
        )
        $Label[$script:runLabel.Split('=')[0]] = $script:run
        if ($State -eq 'exited' -and -not $Command) { $Command = 'true' }
        # Published ports need a network of the example's own: the test engine may have no default bridge.
        $published = if ($Publish) { @{ Publish = $Publish; Network = (New-DockerNetwork backend).Name } } else { @{} }
        $container = New-DockerContainer $Image -Name $Name -Label $Label -Command $Command @published
        if ($State -ne 'created') { Start-DockerContainer $Name }
        if ($State -eq 'exited') { Wait-DockerContainer $Name | Out-Null }
        if ($State -eq 'paused') { Suspend-DockerContainer $Name }
        # The engine can answer a wait before its container list shows the exit (seen twice in one run of these
        # examples): an example that lists exited containers at once would miss this one.
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while (($reached = (Get-DockerContainer -Id $container.Id).State) -ne $State) {
            if ([datetime]::UtcNow -gt $deadline) { throw "Example container $Name is $reached, not $State" }
            Start-Sleep -Milliseconds 20
        }
        $container
    }

    function script:New-ExampleImage([hashtable] $Label, [string] $Tag) {
        # An image built from the examples' image: with -Tag a named one, without it a dangling one.
        Set-Content (Join-Path $script:build Dockerfile) "FROM nginx:1.27`nRUN echo $([guid]::NewGuid()) > /id"
        $arguments = @{ Label = $Label; InformationAction = 'Ignore' }
        if ($Tag) { $arguments.Tag = $Tag }
        Invoke-DockerBuild $script:build @arguments
    }

    # The web server of the remote build context examples: static files (tarballs, and git repositories over git's
    # dumb HTTP protocol), which the engine fetches itself.
    $script:www = (New-Item -ItemType Directory (Join-Path $script:root www)).FullName
    $script:webServer = Start-Process /bin/busybox -ArgumentList 'httpd', '-f', '-p', '127.0.0.1:5180', '-h', $script:www -PassThru
    function script:New-ExampleArchive([string] $Folder, [string] $Archive, [string] $Dockerfile, [string] $DockerfileName = 'Dockerfile') {
        # A context folder with a Dockerfile and a file, and its archive (gzip-compressed when the name ends .gz).
        New-Item -ItemType Directory (Join-Path $Folder (Split-Path $DockerfileName)) -Force | Out-Null
        Set-Content (Join-Path $Folder $DockerfileName) $Dockerfile
        Set-Content (Join-Path $Folder main.sh) 'echo hello'
        if ($Archive) {
            if (Split-Path $Archive) { New-Item -ItemType Directory (Split-Path $Archive) -Force | Out-Null }
            tar ($Archive.EndsWith('.gz') ? '-czf' : '-cf') $Archive -C $Folder .
        }
    }
    function script:New-ExampleGitRepository([string] $Repository) {
        # A repository whose tag v1.0 has a docker folder with a Dockerfile, served bare from the web server's folder.
        New-ExampleArchive repo -Dockerfile "FROM busybox`nCOPY . /src" -DockerfileName docker/Dockerfile
        Set-Content repo/docker/README 'app 1.0'
        git -C repo init -q
        git -C repo add -A
        git -C repo -c user.name=examples -c user.email=examples@dockerps.invalid commit -q -m 'v1.0'
        git -C repo tag v1.0
        $bare = Join-Path $script:www $Repository
        Remove-Item $bare -Recurse -Force -ErrorAction Ignore
        git clone -q --bare repo $bare
        git -C $bare update-server-info
    }

    function script:Use-ExampleHome {
        (Get-PSProvider FileSystem).Home = $script:userHome
        $env:HOME = $script:userHome
    }

    # What each example needs besides the shared images and contexts: Setup runs before it (in its folder), Errors
    # lists the error ids it shows on purpose, Check asserts more about what it did ($output: what it wrote, and the
    # example's own variables), Cleanup puts back what later examples need. Terminal marks an example of an interactive
    # session: this spec has no terminal, so it runs as far as it can there (parameters bound, the TerminalRequired
    # error) and shows nothing; Terminal.Tests.ps1 drives the sessions themselves on a pseudo-terminal.
    $script:fixtures = @{
        'Add-DockerImageTag 2'        = @{ Check = { (Get-DockerImage myapp:stable).Id | Should -Be $script:image.Id } }
        'Clear-DockerContainer 1'     = @{ Setup = { New-ExampleContainer job-1 -Label @{ 'ci.run' = '1234' } -State exited; New-ExampleContainer job-2 -Label @{ 'ci.run' = '1234' } -State exited }
                                           Check = { Get-DockerContainer 'job-*' -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Clear-DockerContainer 2'     = @{ Setup = { New-ExampleContainer job-7 -State exited }; Check = { Get-DockerContainer job-7 | Should -Not -BeNullOrEmpty } }
        'Clear-DockerImage 3'         = @{ Setup = { New-ExampleImage -Label @{ project = 'shop' } } }
        'Clear-DockerNetwork 2'       = @{ Setup = { New-DockerNetwork shop-old -Label @{ app = 'shop' } }; Check = { Get-DockerNetwork shop-old -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Clear-DockerSystem 1'        = @{ Setup = { New-ExampleContainer job-1 -Label @{ 'ci.run' = '1234' } -State exited; New-DockerVolume ci-cache -Label @{ 'ci.run' = '1234' } } }
        'Clear-DockerVolume 1'        = @{ Setup = { New-DockerVolume pgdata-test -Label @{ 'ci.run' = '1234' } }; Check = { Get-DockerVolume pgdata-test -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Clear-DockerVolume 2'        = @{ Setup = { New-DockerVolume pgdata-test }; Check = { Get-DockerVolume pgdata-test | Should -Not -BeNullOrEmpty } }
        'Connect-DockerHost 1'        = @{ Setup = { Use-ExampleHome; Mock Read-Host { $script:sshPassphrase } }
                                           Check = { $prod.Endpoint | Should -Be 'ssh://prod.example.org' } }
        'Connect-DockerHost 2'        = @{ Setup = { Use-ExampleHome; Remove-Item ~/.ssh/known_hosts }
                                           Check = { Get-Content ~/.ssh/known_hosts | Should -Not -BeNullOrEmpty } }
        'Connect-DockerHost 3'        = @{ Setup = { Use-ExampleHome; Mock Get-Credential { $script:sshPassword } } }
        'Connect-DockerNetwork 1'     = @{ Setup = { New-DockerNetwork backend; New-ExampleContainer web }
                                           Check = { (Get-DockerNetwork backend -Detail).Containers.Name | Should -Contain web } }
        'Connect-DockerNetwork 2'     = @{ Setup = { New-DockerNetwork backend -Subnet 172.30.0.0/16; New-ExampleContainer db } }
        'Connect-DockerContainer 1'   = @{ Terminal = $true; Check = { (Get-DockerContainer web).State | Should -Be running } }
        'Connect-DockerContainer 2'   = @{ Setup = { New-ExampleContainer worker -Command sh, -c, 'sleep 2; echo error: disk full; echo fine' }
                                           Check = { $output.Line | Should -Be 'error: disk full'; $LASTEXITCODE | Should -Be 0 } }
        'Connect-DockerNetwork 3'     = @{ Setup = { New-DockerNetwork backend; New-ExampleContainer shop-web -Label @{ app = 'shop' } } }
        'Connect-DockerRegistry 1'    = @{ Setup = { Mock Get-Credential { $script:registryCredential } } }
        'ConvertTo-DockerImage 1'     = @{ Setup = { New-ExampleContainer web } }
        'ConvertTo-DockerImage 2'     = @{ Setup = { New-ExampleContainer web } }
        'ConvertTo-DockerImage 3'     = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } }; Check = { Get-DockerImage shop-snapshot -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Copy-DockerItem 1'           = @{ Setup = { New-ExampleContainer web }; Check = { './conf/nginx.conf' | Should -Exist } }
        'Copy-DockerItem 2'           = @{ Setup = { New-ExampleContainer web; New-Item -ItemType Directory site; Set-Content site/about.html 'about' }
                                           Check = { Invoke-DockerExec web cat /usr/share/nginx/html/about.html | Should -Be about } }
        'Copy-DockerItem 3'           = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' }; New-Item -ItemType Directory logs }
                                           Check = { './logs/shop-web.log' | Should -Exist } }
        'Copy-DockerItem 4'           = @{ Setup = { New-ExampleContainer web-1; New-ExampleContainer web-2; Set-Content nginx.conf 'worker_processes 2;' } }
        'Disconnect-DockerNetwork 1'  = @{ Setup = { New-DockerNetwork backend; New-ExampleContainer web; Connect-DockerNetwork backend web } }
        'Disconnect-DockerNetwork 2'  = @{ Setup = { New-DockerNetwork backend; New-ExampleContainer web; New-ExampleContainer db; Connect-DockerNetwork backend web, db }
                                           Check = { (Get-DockerNetwork backend -Detail).Containers | Should -BeNullOrEmpty } }
        'Disconnect-DockerRegistry 1' = @{ Cleanup = { Connect-DockerRegistry $script:registry -Credential $script:registryCredential | Out-Null } }
        'Disconnect-DockerRegistry 2' = @{ Setup = {
                $config = Join-Path $env:DOCKER_CONFIG config.json
                $json = Get-Content $config -Raw | ConvertFrom-Json -AsHashtable
                $json.auths['https://index.docker.io/v1/'] = @{ auth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('me:token')) }
                $json | ConvertTo-Json -Depth 5 | Set-Content $config
            }
        }
        'Enter-DockerContainer 1'     = @{ Setup = { New-ExampleContainer web }; Terminal = $true }
        'Enter-DockerContainer 2'     = @{ Setup = { New-ExampleContainer web }; Terminal = $true }
        'Enter-DockerContainer 3'     = @{ Setup = { New-ExampleContainer web }; Terminal = $true }
        'Export-DockerContext 1'      = @{ Check = { './prod.dockercontext' | Should -Exist } }
        'Export-DockerContext 2'      = @{ Check = { './prod-eu.dockercontext', './prod-us.dockercontext' | Should -Exist } }
        'Export-DockerContainer 1'    = @{ Setup = { New-ExampleContainer web } }
        'Export-DockerContainer 2'    = @{ Setup = { New-ExampleContainer shop-job -Label @{ app = 'shop' } -State exited }; Check = { './shop-job.tar' | Should -Exist } }
        'Export-DockerContainer 3'    = @{ Setup = { New-ExampleContainer web; Set-Content web.tar 'old' } }
        'Get-DockerManifest 2'        = @{ Check = { Get-DockerImage localhost:5100/team/base:1 | Should -Not -BeNullOrEmpty } }
        'Get-DockerConfig 1'          = @{ Setup = { New-DockerConfig nginx.conf 'listen 80;' } }
        'Get-DockerConfig 2'          = @{ Setup = { New-DockerConfig nginx.conf 'listen 80;' }; Check = { $output | Should -Be 'listen 80;' } }
        'Get-DockerConfig 3'          = @{ Setup = { New-DockerConfig nginx.conf 'listen 80;' }; Check = { Get-Content ./nginx.conf -Raw | Should -Be 'listen 80;' } }
        'Get-DockerContainer 1'       = @{ Setup = { New-ExampleContainer web } }
        'Get-DockerContainer 2'       = @{ Setup = { New-ExampleContainer shop-job -Label @{ app = 'shop' } -State exited } }
        'Get-DockerContainer 3'       = @{ Setup = { New-ExampleContainer web; New-ExampleContainer job-1 -State exited }; Errors = 'ContainerNotFound' }
        'Get-DockerContainer 5'       = @{ Setup = { New-ExampleContainer job -Command sh, -c, 'exit 3' -State exited }; Check = { $output[0] | Should -Be 3 } }
        'Get-DockerContainer 6'       = @{ Setup = {
                                               Invoke-DockerContainer nginx:1.27 -Name api -Detach -Label @{ $script:runLabel.Split('=')[0] = $script:run } `
                                                   -Config @{ Healthcheck = @{ Test = @('CMD-SHELL', 'echo connection refused; exit 1'); Interval = 200000000; Retries = 1 } }
                                               Wait-DockerContainer api -Condition healthy -ErrorAction Ignore }
                                           Check = { ($output | Where-Object Name -EQ api).Output | Should -Be 'connection refused' } }
        'Get-DockerContainerChange 1' = @{ Setup = { New-ExampleContainer web; Invoke-DockerExec web -- sh -c 'touch /tmp/cache.db; rm /etc/nginx/nginx.conf' } }
        'Get-DockerContainerChange 2' = @{ Setup = { New-ExampleContainer web; Invoke-DockerExec web touch /tmp/cache.db }; Check = { $output | Should -Contain '/tmp/cache.db' } }
        'Get-DockerContainerLog 1'    = @{ Setup = { New-ExampleContainer web; Start-Sleep -Milliseconds 500 } }
        'Get-DockerContainerLog 2'    = @{ Setup = { New-ExampleContainer web; Start-Sleep -Milliseconds 500 }; Check = { $output.Text | Should -Contain 'connection refused: db:5432' } }
        'Get-DockerContainerLog 3'    = @{ Setup = { New-ExampleContainer web }; Check = { $output.Text | Should -Be ready } }
        'Get-DockerContainerLog 4'    = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' }; Start-Sleep -Milliseconds 500 } }
        'Get-DockerContainerLog 5'    = @{ Setup = { New-ExampleContainer web; Start-Sleep -Milliseconds 500 } }
        'Get-DockerContainerPort 1'   = @{ Setup = { New-ExampleContainer web -Publish 127.0.0.1::80 } }
        'Get-DockerContainerPort 2'   = @{ Setup = { New-ExampleContainer web -Publish 127.0.0.1::80 }; Check = { $output | Should -BeOfType [int] } }
        'Get-DockerContainerPort 3'   = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } -Publish 127.0.0.1::80 }; Check = { $output.Port | Should -Be 80/tcp } }
        'Get-DockerContainerProcess 1' = @{ Setup = { New-ExampleContainer web } }
        'Get-DockerContainerProcess 2' = @{ Setup = { New-ExampleContainer web } }
        'Get-DockerContainerProcess 3' = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } } }
        'Get-DockerContainerStats 1'  = @{ Setup = { New-ExampleContainer web } }
        'Get-DockerContainerStats 2'  = @{ Setup = { New-ExampleContainer web; New-ExampleContainer worker }; Check = { $output.Count | Should -Be 4 } }
        'Get-DockerContainerStats 3'  = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } } }
        'Get-DockerContext 2'         = @{ Setup = { New-ExampleContainer web }; Check = { $output.Engine.Name | Select-Object -Unique | Should -Be 'prod-eu', 'prod-us' } }
        'Get-DockerDiskUsage 2'       = @{ Setup = { New-ExampleContainer web } }
        'Get-DockerEvent 1'           = @{ Setup = { New-ExampleContainer web } }
        'Get-DockerEvent 2'           = @{ Setup = { New-ExampleContainer job -Command sh, -c, 'sleep 2; exit 5' }; Check = { $output | Should -Match '^\S+ exited with \d+$' } }
        'Get-DockerEvent 3'           = @{ Setup = { New-ExampleContainer web; Start-ThreadJob { Start-Sleep 2; Import-Module $using:PSScriptRoot/../../out/DockerPS/DockerPS.psd1; Restart-DockerContainer web -Timeout 1 } | Out-Null }
                                           Check = { $output.Action | Should -Contain restart } }
        'Get-DockerImage 3'           = @{ Setup = { New-ExampleImage -Label @{ stage = 'build' } }; Check = { $output | Should -Not -BeNullOrEmpty } }
        'Get-DockerImage 4'           = @{ Check = { $output.Id | Should -Contain $script:image.Id } }
        'Get-DockerNetwork 2'         = @{ Setup = { New-DockerNetwork backend; New-ExampleContainer web; Connect-DockerNetwork backend web } }
        'Get-DockerNetwork 3'         = @{ Setup = { New-DockerNetwork shop-front -Label @{ app = 'shop' } }; Check = { $output.Name | Should -Be shop-front } }
        'Import-DockerCompose 1'      = @{ Setup = { Set-Content compose.yaml "services:`n  web:`n    image: nginx:1.27`n  api:`n    image: myapp/api:1" } }
        'Import-DockerCompose 2'      = @{ Setup = {
                Set-Content compose.yaml "services:`n  web:`n    image: nginx:`${TAG:-latest}`n    deploy:`n      replicas: 1"
                Set-Content compose.prod.yaml "services:`n  web:`n    deploy:`n      replicas: `${REPLICAS}"
                Set-Content prod.env "TAG=1.27`nREPLICAS=3" }
                                           Check = { $output | Should -Be 3 } }
        'Import-DockerCompose 3'      = @{ Setup = { Set-Content compose.yaml "services:`n  web:`n    image: nginx:1.27`n  debug:`n    image: busybox`n    profiles: [debug]" }
                                           Check = { (Get-Content resolved.json -Raw | ConvertFrom-Json).services.debug.image | Should -Be busybox } }
        'Deploy-DockerCompose 1'      = @{ Setup = { Set-Content compose.yaml "name: shop`nservices:`n  db:`n    image: redis:7`n  web:`n    image: nginx:1.27`n    depends_on: [db]" }
                                           Cleanup = { Remove-DockerCompose -ProjectName shop -Volume | Out-Null } }
        'Deploy-DockerCompose 2'      = @{ Setup = { Set-Content compose.yaml "name: shop`nservices:`n  web:`n    image: nginx:1.27"; Set-Content compose.prod.yaml "services:`n  web:`n    deploy:`n      replicas: 2" }
                                           Check = { Get-DockerCompose -ProjectName shop | Should -BeNullOrEmpty } }
        'Deploy-DockerCompose 3'      = @{ Setup = {
                Set-Content compose.yaml "name: shop`nservices:`n  web:`n    image: nginx:`${TAG}"; Set-Content compose.prod.yaml "services:`n  web:`n    deploy:`n      replicas: 2"
                Set-Content prod.env 'TAG=1.27'
                'blue', 'green' | ForEach-Object { New-DockerContext $_ -DockerHost $script:dockerHost | Out-Null } }
                                           Check = { (Get-DockerCompose -ProjectName shop).Count | Should -Be 2 }
                                           Cleanup = { Remove-DockerCompose -ProjectName shop | Out-Null; Remove-DockerContext blue, green } }
        'Get-DockerCompose 1'         = @{ Setup = { Set-Content compose.yaml "name: shop`nservices:`n  web:`n    image: nginx:1.27"; Deploy-DockerCompose | Out-Null }
                                           Cleanup = { Remove-DockerCompose -ProjectName shop | Out-Null } }
        'Get-DockerCompose 2'         = @{ Setup = { Set-Content compose.yaml "name: shop`nservices:`n  web:`n    image: nginx:1.27"; Deploy-DockerCompose | Out-Null }
                                           Cleanup = { Remove-DockerCompose -ProjectName shop | Out-Null } }
        'Remove-DockerCompose 1'      = @{ Setup = { Set-Content compose.yaml "name: shop`nservices:`n  web:`n    image: nginx:1.27"; Deploy-DockerCompose | Out-Null }
                                           Check = { Get-DockerCompose -ProjectName shop | Should -BeNullOrEmpty } }
        'Remove-DockerCompose 2'      = @{ Setup = { Set-Content compose.yaml "name: shop`nservices:`n  web:`n    image: nginx:1.27`n    volumes: [data:/data]`nvolumes:`n  data:"; Deploy-DockerCompose | Out-Null }
                                           Check = { Get-DockerVolume shop_data -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Deploy-DockerStack 1'        = @{ Setup = { New-ExampleStack }; Check = { (Get-DockerStack shop).Services | Should -Be 2 } }
        'Deploy-DockerStack 2'        = @{ Setup = { New-ExampleStack; Set-Content compose.prod.yaml "services:`n  web:`n    deploy:`n      replicas: 2" }
                                           Check = { Get-DockerStack shop -ErrorAction SilentlyContinue | Should -BeNullOrEmpty } }
        'Deploy-DockerStack 3'        = @{ Setup = { New-ExampleStack shop -Deploy }; Cleanup = { Remove-Item env:WEB_REPLICAS -ErrorAction Ignore }
                                           Check = { $output.Name | Should -Contain shop_web; (Get-DockerService shop_web).Replicas | Should -Be 3 } }
        'Get-DockerStack 1'           = @{ Setup = { New-ExampleStack shop -Deploy }; Check = { ($output | Where-Object Name -eq shop).Services | Should -Be 2 } }
        'Get-DockerStack 2'           = @{ Setup = { New-ExampleStack shop -Deploy }; Check = { $output.Name | Should -Be shop_db, shop_web } }
        'Remove-DockerStack 1'        = @{ Setup = { New-ExampleStack shop -Deploy }; Check = { Get-DockerStack shop -ErrorAction SilentlyContinue | Should -BeNullOrEmpty } }
        'Remove-DockerStack 2'        = @{ Setup = { New-ExampleStack shop-test-1 -Deploy }; Check = { $output.Kind | Should -Contain Service; Get-DockerStack shop-test-* | Should -BeNullOrEmpty } }
        'Get-DockerSecret 1'          = @{ Setup = { 'x' | New-DockerSecret db-password } }
        'Get-DockerSecret 2'          = @{ Setup = { 'x' | New-DockerSecret shop-tls-key -Label @{ app = 'shop' } }; Check = { $output.Name | Should -Be shop-tls-key } }
        'Get-DockerSecret 3'          = @{ Setup = { 'x' | New-DockerSecret db-password }; Check = { $output.Name | Should -Contain db-password } }
        'Get-DockerVolume 1'          = @{ Setup = { New-DockerVolume pgdata } }
        'Get-DockerVolume 2'          = @{ Setup = { New-DockerVolume shop-cache -Label @{ app = 'shop' } }; Check = { $output.Name | Should -Be shop-cache } }
        'Get-DockerVolume 3'          = @{ Setup = { New-DockerVolume pgdata } }
        'Get-DockerVersion 3'         = @{ Setup = { New-ExampleContainer web } }
        'Import-DockerImage 1'        = @{ Setup = { Save-DockerImage myapp:1.4 -Path ./images.tar } }
        'Import-DockerImage 2'        = @{ Setup = { New-ExampleContainer web }; Check = { Get-DockerImage web-snapshot:1 | Should -Not -BeNullOrEmpty } }
        'Import-DockerImage 3'        = @{ Setup = { Save-DockerImage myapp:1.4 -Path ./a.tar; Save-DockerImage redis:7 -Path ./b.tar } }
        'Invoke-DockerBuild 1'        = @{ Setup = { Set-Content Dockerfile "FROM busybox`nCOPY . /app`nCMD [`"ls`", `"/app`"]" } }
        'Invoke-DockerBuild 2'        = @{ Setup = { New-Item -ItemType Directory src; Set-Content src/Dockerfile "FROM busybox`nARG VERSION`nARG CONFIG=debug`nRUN echo `$VERSION `$CONFIG > /build" } }
        'Invoke-DockerBuild 3'        = @{ Setup = {
                New-Item -ItemType Directory app, docker
                Set-Content app/main.sh 'echo hello'
                Set-Content docker/app.dockerfile "FROM busybox AS build`nCOPY main.sh /src/`nFROM busybox AS runtime`nCOPY --from=build /src/main.sh /app/`nCMD [`"sh`", `"/app/main.sh`"]"
            }
        }
        'Invoke-DockerBuild 4'        = @{ Setup = { New-Item -ItemType Directory ctx; Set-Content ctx/tool.sh 'echo tool'; Set-Content Dockerfile.template "FROM @BASE@`nCOPY tool.sh /usr/local/bin/" }
                                           Check = { $failed | Should -BeNullOrEmpty; $image.RepoTags | Should -Contain 'team/tool:latest' } }
        'Invoke-DockerBuild 5'        = @{ Setup = { Mock Get-Credential { $script:registryCredential }; Set-Content Dockerfile "FROM $script:registry/team/base:1" } }
        'Invoke-DockerBuild 6'        = @{ Setup = { New-ExampleArchive app -Dockerfile "FROM busybox`nCOPY main.sh /app/`nCMD [`"sh`", `"/app/main.sh`"]" -DockerfileName docker/app.dockerfile }
                                           Check = { Invoke-DockerContainer team/app:1.0 -Remove | Should -Be hello } }
        'Invoke-DockerBuild 7'        = @{ Setup = { New-ExampleArchive ctx context.tar -Dockerfile "FROM busybox`nCOPY main.sh /usr/local/bin/" }
                                           Check = { $output.RepoTags | Should -Contain 'team/tool:latest' } }
        'Invoke-DockerBuild 8'        = @{ Setup = { New-ExampleGitRepository team/app.git }
                                           Check = { Invoke-DockerContainer team/app:1.0 -Remove -Command cat, /src/README | Should -Be 'app 1.0' } }
        'Invoke-DockerBuild 9'        = @{ Setup = { New-ExampleArchive ctx (Join-Path $script:www builds/app-1.0.tar.gz) -Dockerfile "FROM busybox`nCOPY main.sh /app/" }
                                           Check = { Invoke-DockerContainer team/app:1.0 -Remove -Command cat, /app/main.sh | Should -Be 'echo hello' } }
        'Invoke-DockerContainer 1'    = @{ Check = { $files | Should -Contain passwd; $output | Should -Be $files.Count } }
        'Invoke-DockerContainer 2'    = @{ Errors = 'ContainerExitCode' }
        'Invoke-DockerContainer 4'    = @{ Check = { $output | Should -Be err } }
        'Invoke-DockerContainer 5'    = @{ Setup = { Set-Content hosts.txt 'b', 'a', 'b' }; Check = { $output | Should -Be a, b } }
        'Invoke-DockerContainer 6'    = @{ Check = { $output | Should -Be 512, 1024, read-only } }
        'Invoke-DockerContainer 8'    = @{ Terminal = $true }
        'Invoke-DockerContainer 7'    = @{ Check = { $output | Should -Be result, 64; Get-DockerContainer -Id (Get-Content ./job.cid) -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Invoke-DockerExec 1'         = @{ Setup = { New-ExampleContainer web } }
        'Invoke-DockerExec 2'         = @{ Setup = { New-ExampleContainer web }; Check = { $output | Should -Be 2 } }
        'Invoke-DockerExec 3'         = @{ Setup = { New-ExampleContainer web } }
        'Invoke-DockerExec 4'         = @{ Setup = { New-ExampleContainer web; New-Item -ItemType Directory backup; Set-Content backup/db.sql 'select 1;'; tar -cf backup.tar backup }
                                           Check = { Invoke-DockerExec web cat /restore/backup/db.sql | Should -Be 'select 1;' } }
        'Invoke-DockerExec 5'         = @{ Setup = { New-ExampleContainer shop-worker-1 -Label @{ app = 'shop' }; New-ExampleContainer shop-worker-2 -Label @{ app = 'shop' }; Invoke-DockerExec shop-worker-2 rm /ready }
                                           Errors = 'ExecExitCode'; Check = { $failed.TargetObject | Should -Be shop-worker-2 } }
        'Invoke-DockerExec 6'         = @{ Setup = { New-ExampleContainer web }; Check = { $files | Should -Contain /etc/nginx/nginx.conf } }
        'Invoke-DockerExec 7'         = @{ Setup = { New-ExampleContainer web } }
        'New-DockerConfig 1'          = @{ Setup = { Set-Content ./nginx.conf 'listen 80;' }; Check = { $output.Labels.app | Should -Be shop } }
        'New-DockerConfig 2'          = @{ Check = { $output.Content | Should -Be "server.port=8080`nlog.level=info" } }
        'New-DockerConfig 3'          = @{ Check = { $output.TemplateDriver | Should -Be golang } }
        'New-DockerContainer 4'       = @{ Check = { $output.Count | Should -Be 2 } }
        'New-DockerContainer 10'      = @{ Check = { (Get-DockerContainer tools, tools-fresh).State | Should -Be created, created }
                                           Cleanup = { Remove-DockerImage "$script:registry/tools/busybox:1.36" -Force } }
        'Import-DockerContext 1'      = @{ Setup = { Export-DockerContext prod }; Cleanup = { Remove-DockerContext prod-copy -Force }
                                           Check = { (Get-DockerContext prod-copy).DockerEndpoint | Should -Be tcp://127.0.0.1:2376 } }
        'Import-DockerContext 2'      = @{ Cleanup = { Remove-DockerContext prod-2 -Force }; Check = { (Get-DockerContext prod-2).TlsMaterial | Should -Be ca.pem, cert.pem, key.pem } }
        'New-DockerContainer 5'       = @{ Check = { $web.Config.Healthcheck.Test | Should -Be CMD-SHELL, 'wget -q -O /dev/null http://localhost/ || exit 1' } }
        'New-DockerContainer 6'       = @{ Check = { (Get-DockerContainer web -Detail).HostConfig.CapAdd | Should -Be CAP_NET_BIND_SERVICE } }
        'New-DockerContainer 7'       = @{ Check = { $db = Get-DockerContainer db -Detail; $db.Networks | Should -Be backend; $db.HostConfig.ExtraHosts | Should -Be metrics:10.0.0.5 } }
        'New-DockerContainer 8'       = @{ Check = { (Get-DockerContainer worker -Detail).HostConfig.Ulimits.Soft | Should -Be 1024 } }
        'New-DockerContainer 9'       = @{ Check = { $trainer.HostConfig.DeviceRequests.DeviceIDs | Should -Be 0, 1 } }
        'New-DockerContext 1'         = @{ Setup = { Use-ExampleHome; Remove-DockerContext prod -Force }; Cleanup = { Remove-DockerContext prod -Force; New-ExampleContext prod -Tls } }
        'New-DockerSecret 1'          = @{ Setup = { Mock Read-Host { ConvertTo-SecureString 's3cret' -AsPlainText -Force } }; Check = { $output.Name | Should -Be db-password } }
        'New-DockerSecret 2'          = @{ Setup = { Set-Content ./server.key 'key' }; Check = { $output.Labels.app | Should -Be shop } }
        'New-DockerSecret 3'          = @{ Setup = { Set-Content ./keystore.p12 -AsByteStream -Value ([byte[]](0, 1, 2)) }; Check = { $output.Name | Should -Be shop-keystore } }
        'Push-DockerImage 2'          = @{ Setup = { Mock Get-Credential { $script:registryCredential }; Add-DockerImageTag nginx:1.27 "$script:registry/team/app:1.0", "$script:registry/team/app:1.1" } }
        'Push-DockerImage 3'          = @{ Check = { $output | Should -BeLike "$script:registry/team/*@sha256:*" } }
        'Remove-DockerConfig 1'       = @{ Setup = { New-DockerConfig nginx.conf 'listen 80;' }; Check = { Get-DockerConfig nginx* | Should -BeNullOrEmpty } }
        'Remove-DockerConfig 2'       = @{ Setup = { 'a=b' | New-DockerConfig app.properties -Label @{ app = 'shop' } }; Check = { Get-DockerConfig -Label app=shop | Should -BeNullOrEmpty } }
        'Remove-DockerContainer 1'    = @{ Setup = { New-ExampleContainer shop-job -Label @{ app = 'shop' } -State exited }; Check = { Get-DockerContainer shop-job -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Remove-DockerContainer 2'    = @{ Setup = { New-ExampleContainer web } }
        'Remove-DockerContainer 3'    = @{ Setup = { New-ExampleContainer test-1 -State created }; Check = { Get-DockerContainer test-1 | Should -Not -BeNullOrEmpty } }
        'Remove-DockerContainer 4'    = @{ Setup = { 1..3 | ForEach-Object { New-ExampleContainer "nightly-$_" -Label @{ batch = 'nightly' } } }; Check = { Get-DockerContainer -Label batch=nightly | Should -BeNullOrEmpty } }
        'Remove-DockerContext 2'      = @{ Setup = { New-ExampleContext test-a; New-ExampleContext test-b; Use-DockerContext test-b 3>$null }
                                           Check = { Get-DockerContext 'test-*' | Should -BeNullOrEmpty } }
        'Remove-DockerImage 1'        = @{ Check = { Get-DockerImage myapp:1.3 -ErrorAction Ignore | Should -BeNullOrEmpty } }
        'Remove-DockerImage 2'        = @{ Setup = { Add-DockerImageTag nginx:1.27 myapp:1.2 } }
        'Remove-DockerImage 3'        = @{ Setup = { New-ExampleImage -Label @{ stage = 'build' } } }
        'Remove-DockerNetwork 1'      = @{ Setup = { New-DockerNetwork backend } }
        'Remove-DockerNetwork 2'      = @{ Setup = { New-DockerNetwork shop-front -Label @{ app = 'shop' } } }
        'Remove-DockerSecret 1'       = @{ Setup = { 'x' | New-DockerSecret db-password }; Check = { Get-DockerSecret db-* | Should -BeNullOrEmpty } }
        'Remove-DockerSecret 2'       = @{ Setup = { 'x' | New-DockerSecret shop-keystore -Label @{ app = 'shop' } }; Check = { Get-DockerSecret -Label app=shop | Should -BeNullOrEmpty } }
        'Remove-DockerVolume 1'       = @{ Setup = { New-DockerVolume pgdata } }
        'Remove-DockerVolume 2'       = @{ Setup = { New-DockerVolume shop-cache -Label @{ app = 'shop' } } }
        'Remove-DockerVolume 3'       = @{ Setup = { New-DockerVolume test-1 }; Check = { Get-DockerVolume test-1 | Should -Not -BeNullOrEmpty } }
        'Rename-DockerContainer 1'    = @{ Setup = { New-ExampleContainer web }; Check = { $output.Name | Should -Be web-old } }
        'Request-DockerImage 2'       = @{ Setup = { Mock Get-Credential { $script:registryCredential } } }
        'Request-DockerImage 3'       = @{ Setup = { Add-DockerImageTag nginx:1.27 "$script:registry/team/app:1.0" } }
        'Restart-DockerContainer 1'   = @{ Setup = { New-ExampleContainer web } }
        'Restart-DockerContainer 2'   = @{ Setup = { New-ExampleContainer worker-1; New-ExampleContainer worker-2 } }
        'Resume-DockerContainer 1'    = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } -State paused }; Check = { (Get-DockerContainer shop-web).State | Should -Be running } }
        'Save-DockerImage 1'          = @{ Check = { './images.tar' | Should -Exist } }
        'Set-DockerContainer 1'       = @{ Setup = { New-ExampleContainer web }; Check = { $output | Should -Be 536870912 } }
        'Set-DockerContainer 2'       = @{ Setup = { New-ExampleContainer worker-1; New-ExampleContainer worker-2 } }
        'Set-DockerContainer 3'       = @{ Setup = { New-ExampleContainer web } }
        'Set-DockerContainer 4'       = @{ Setup = { New-ExampleContainer worker-1 }; Check = { (Get-DockerContainer worker-1 -Detail).HostConfig.CpuQuota | Should -Be 50000 } }
        'Start-DockerContainer 1'     = @{ Setup = { New-ExampleContainer web -State created } }
        'Start-DockerContainer 2'     = @{ Setup = { New-ExampleContainer shop-job -Label @{ app = 'shop' } -State exited } }
        'Start-DockerContainer 3'     = @{ Setup = { New-ExampleContainer worker-1 -State created }; Check = { (Get-DockerContainer worker-1).State | Should -Be created } }
        'Stop-DockerContainer 1'      = @{ Setup = { New-ExampleContainer web }; Check = { (Get-DockerContainer web).State | Should -Be exited } }
        'Stop-DockerContainer 2'      = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } } }
        'Stop-DockerContainer 3'      = @{ Setup = { New-ExampleContainer proxy }
                                           Check = { Start-Sleep -Milliseconds 500; (Get-DockerContainer proxy).State | Should -Be running; (Get-DockerContainerLog proxy).Text | Should -Contain reloading } }
        'Set-DockerContext 1'         = @{ Check = { (Get-DockerContext prod-eu).Description | Should -Be 'production, eu-west' } }
        'Set-DockerContext 2'         = @{ Setup = { Use-ExampleHome }; Check = { $output.TlsMaterial | Should -Be ca.pem, cert.pem, key.pem } }
        'Set-DockerService 1'         = @{ Setup = { New-ExampleService pinger }; Check = { (Get-DockerService pinger).RunningTasks | Should -Be 5 } }
        'Set-DockerService 2'         = @{ Setup = { New-ExampleService pinger }; Check = { $output.Environment | Should -Contain LOG_LEVEL=debug } }
        'Set-DockerService 3'         = @{ Setup = { New-ExampleService pinger; Set-DockerService pinger -Environment STAGE=2 }
                                           Check = { (Get-DockerService pinger).Environment | Should -Not -Contain STAGE=2 } }
        'Remove-DockerService 1'      = @{ Setup = { New-ExampleService pinger }; Check = { Get-DockerService | Where-Object Name -eq pinger | Should -BeNullOrEmpty } }
        'Remove-DockerService 2'      = @{ Setup = { New-ExampleService shop-web -Label @{ app = 'shop' } } }
        'Get-DockerServiceTask 1'     = @{ Setup = { New-ExampleService pinger }; Check = { $output.Count | Should -Be 2 } }
        'Get-DockerServiceTask 2'     = @{ Setup = { New-ExampleService pinger } }
        'Get-DockerServiceLog 1'      = @{ Setup = { New-ExampleService pinger }; Check = { $output.Text | Should -Contain ready } }
        'Get-DockerServiceLog 2'      = @{ Setup = { New-ExampleService pinger } }
        'Get-DockerServiceLog 3'      = @{ Setup = { New-ExampleService pinger }; Check = { $output.Task | Should -Match '^pinger\.[12]$' } }
        'New-DockerService 1'         = @{ Check = { $output.RunningTasks | Should -Be 3 } }
        # The test swarm's settings are put back after each example; autolock is never turned on there (other specs use the
        # swarm), so the unlock key examples meet a swarm without one.
        'Set-DockerSwarm 1'           = @{ Setup = { $script:swarmBefore = Get-DockerSwarm }; Check = { $output.TaskHistoryLimit | Should -Be 2; $output.CertExpiry | Should -Be ([timespan]::FromHours(720)) }
                                           Cleanup = { Set-DockerSwarm -TaskHistoryLimit $script:swarmBefore.TaskHistoryLimit -CertExpiry "$($script:swarmBefore.CertExpiry.TotalHours)h" } }
        'Set-DockerSwarm 2'           = @{ Setup = { $script:swarmBefore = Get-DockerSwarm }
                                           Check = { $output | Should -Be (Get-DockerSwarm).WorkerJoinToken; $output | Should -Not -Be $script:swarmBefore.WorkerJoinToken } }
        'Set-DockerSwarm 3'           = @{ Check = { (Get-DockerSwarm).Autolock | Should -BeFalse } }
        'Get-DockerSwarmUnlockKey 2'  = @{ Errors = 'NoUnlockKey' }
        'Unlock-DockerSwarm 1'        = @{ Setup = { Mock Read-Host { ConvertTo-SecureString 'SWMKEY-1-notthekey' -AsPlainText -Force } } }
        'Unlock-DockerSwarm 2'        = @{ Setup = { $env:SWARM_UNLOCK_KEY = 'SWMKEY-1-notthekey' }; Cleanup = { Remove-Item env:SWARM_UNLOCK_KEY } }
        'Set-DockerNode 1'            = @{ Cleanup = { Set-DockerNode swarm-node2 -Availability active }; Check = { (Get-DockerNode swarm-node2).Availability | Should -Be drain } }
        'Set-DockerNode 2'            = @{ Cleanup = { Set-DockerNode swarm-node3 -RemoveLabel zone }; Check = { $output.Labels.zone | Should -Be eu-west } }
        'Set-DockerNode 3'            = @{ Setup = { Set-DockerNode swarm-node2, swarm-node3 -Label @{ zone = 'eu-west' } }
                                           Check = { (Get-DockerNode -Role worker).Labels.Keys | Should -Not -Contain zone } }
        'Suspend-DockerContainer 1'   = @{ Setup = { New-ExampleContainer web }; Check = { $output.State | Should -Be paused } }
        'Suspend-DockerContainer 2'   = @{ Setup = { New-ExampleContainer shop-web -Label @{ app = 'shop' } } }
        'Use-DockerContext 1'         = @{ Check = { (Get-Content (Join-Path $env:DOCKER_CONFIG config.json) -Raw | ConvertFrom-Json).currentContext | Should -Be prod } }
        'Wait-DockerContainer 1'      = @{ Setup = { New-ExampleContainer job -Command sh, -c, 'echo failed; exit 2' -State created }; Check = { $exit.ExitCode | Should -Be 2; $output.Text | Should -Contain failed } }
        'Wait-DockerContainer 2'      = @{ Setup = { New-ExampleContainer build-a -Command sh, -c, 'exit 0'; New-ExampleContainer build-b -Command sh, -c, 'sleep 1; exit 3' }
                                           Check = { $output.Container | Should -Be build-b; $output.ExitCode | Should -Be 3 } }
        'Wait-DockerContainer 3'      = @{ Setup = { Invoke-DockerContainer nginx:1.27 -Name web -Detach -Remove -Command sleep, 2 -Label @{ $script:runLabel.Split('=')[0] = $script:run } } }
        'Wait-DockerContainer 4'      = @{ Check = { $output.Health.Status | Should -Be healthy } }
    }

    # Names the examples give to what they make, removed after each example with whatever the fixtures made.
    $script:networks = 'backend', 'private', 'shop-front', 'shop-old'
    $script:volumes = 'pgdata', 'pgdata-test', 'scratch', 'site', 'shop-cache', 'ci-cache', 'test-1'
    # On the swarm manager.
    $script:secrets = 'db-password', 'shop-tls-key', 'shop-keystore'
    $script:configs = 'nginx.conf', 'app.properties', 'motd'
    $script:madeImages = 'myapp:v2', 'myapp:debug', 'myapp:stable', 'myapp:1.2', 'web-snapshot:1', 'team/app:1.0', 'team/app:latest',
        'team/app:runtime', 'team/tool:latest', "$script:registry/team/myapp:1.4", "$script:registry/team/app:2", "$script:registry/tools/busybox:1.36",
        "$script:registry/team/app:1.0", "$script:registry/team/app:1.1"

    # An example's code as Get-Help shows it: with "PS> " prompts the commands are those lines (and ">> " ones), the
    # others what it shows as output; without prompts it is all code.
    function script:Split-Example([string] $Code) {
        $lines = $Code -split "`r?`n"
        if (-not ($lines -match '^PS> ')) { return @{ Script = $Code; Shown = @() } }
        @{
            Script = ($lines -match '^(PS> |>> )' -replace '^(PS> |>> )') -join "`n"
            Shown  = @($lines | Where-Object { $_ -notmatch '^(PS> |>> )' -and $_.Trim() })
        }
    }

    # Column names of the tables an example shows (a header over a line of dashes) and labels of its lists.
    function script:Get-ShownName([string[]] $Shown) {
        for ($i = 1; $i -lt $Shown.Count; $i++) {
            if ($Shown[$i] -match '^[- ]+$' -and $Shown[$i] -match '-') {
                foreach ($dashes in [regex]::Matches($Shown[$i], '-+')) {
                    $Shown[$i - 1].Substring($dashes.Index, [Math]::Min($dashes.Length, $Shown[$i - 1].Length - $dashes.Index)).Trim()
                }
            }
        }
        $Shown | Where-Object { $_ -match '^(\w[\w ]*?)\s+: ' } | ForEach-Object { $Matches[1] }
    }
}

AfterAll {
    if ($script:webServer) { Stop-Process -Id $script:webServer.Id -ErrorAction SilentlyContinue }
    (Get-PSProvider FileSystem).Home = $script:originalHome
    $env:HOME = $script:originalEnvHome
    @('myorg/migrate:2', 'nginx:1.27') + $script:names | Remove-DockerImage -Force -ErrorAction SilentlyContinue
    Get-DockerImage "$script:registry/*" | Remove-DockerImage -Force -ErrorAction SilentlyContinue
    Get-DockerImage -Label $script:runLabel | Remove-DockerImage -Force -ErrorAction SilentlyContinue
    Remove-Item $script:root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Help examples' {
    BeforeEach {
        $folder = New-Item -ItemType Directory (Join-Path $script:root "example-$([guid]::NewGuid().ToString('N'))")
        Push-Location $folder
        [Environment]::CurrentDirectory = $folder.FullName
        $fixture = $script:fixtures["$Command $Number"] ?? @{}
        if ($Command -match 'Docker(Node|Swarm\w*|Service\w*|Secret|Config|Stack)$') { $env:DOCKER_HOST = $script:swarmManager }
    }

    AfterEach {
        if ($fixture.Cleanup) { . $fixture.Cleanup }
        if ($Command -match 'DockerStack$') {
            $script:stacks | Remove-DockerStack -ErrorAction SilentlyContinue | Out-Null
            # The manager lists a removed stack's networks until their tasks are gone, and the next example would find them.
            $deadline = (Get-Date).AddSeconds(30)
            while (($script:stacks | ForEach-Object { Get-DockerNetwork -Label "com.docker.stack.namespace=$_" }) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 250 }
        }
        if ($Command -match 'DockerService\w*$') { Get-DockerService -ErrorAction SilentlyContinue | Where-Object Name -in $script:services | Remove-DockerService }
        if ($Command -match 'Docker(Secret|Config)$') {
            Get-DockerSecret | Where-Object Name -in $script:secrets | Remove-DockerSecret
            Get-DockerConfig | Where-Object Name -in $script:configs | Remove-DockerConfig
        }
        $env:DOCKER_HOST = $script:dockerHost
        Pop-Location
        (Get-PSProvider FileSystem).Home = $script:originalHome
        $env:HOME = $script:originalEnvHome
        Get-DockerContainer -Filter @{ ancestor = $script:image.Id } -ErrorAction SilentlyContinue | Remove-DockerContainer -Force -ErrorAction SilentlyContinue
        Get-DockerContainer -Label $script:runLabel -ErrorAction SilentlyContinue | Remove-DockerContainer -Force -ErrorAction SilentlyContinue
        foreach ($network in Get-DockerNetwork -Detail -ErrorAction SilentlyContinue | Where-Object Name -in $script:networks) {
            # Docker 20.10 without a default bridge keeps the endpoints of removed containers; force them out first.
            $network.Containers | ForEach-Object { Disconnect-DockerNetwork $network.Name $_.Name -Force -ErrorAction SilentlyContinue }
            Remove-DockerNetwork $network.Name
        }
        Get-DockerVolume -ErrorAction SilentlyContinue | Where-Object Name -in $script:volumes | Remove-DockerVolume
        if ($volume) { Remove-DockerVolume $volume.Name -ErrorAction SilentlyContinue }
        Remove-DockerImage $script:madeImages -Force -ErrorAction SilentlyContinue
        Get-DockerImage -Dangling -Label $script:runLabel | Remove-DockerImage -Force -ErrorAction SilentlyContinue
        Add-DockerImageTag nginx:1.27 -Tag $script:names
    }

    It '<Command> <Title>' -ForEach $examples {
        $example = Split-Example $Code
        if ($fixture.Setup) { . $fixture.Setup | Out-Null }

        $Error.Clear()
        # Off a terminal an interactive example stops at its TerminalRequired error, which $Error keeps.
        $output = @(try { . ([scriptblock]::Create($example.Script)) } catch { if (-not $fixture.Terminal) { throw } })
        $errors = @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $expected = @($fixture.Errors) + @(if ($fixture.Terminal) { 'TerminalRequired' })
        $errors | Where-Object { ($_.FullyQualifiedErrorId -split ',')[0] -notin $expected } |
            ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        foreach ($id in $expected) { $errors.FullyQualifiedErrorId -like "$id,*" | Should -Not -BeNullOrEmpty -Because "the example shows $id" }
        $text = $output | Out-String -Width 250
        $shown = if ($fixture.Terminal) { @() } else { Get-ShownName $example.Shown }
        foreach ($name in $shown) { $text | Should -Match ([regex]::Escape($name)) -Because "the example shows '$name'" }
        if ($fixture.Check) { . $fixture.Check }
    }
}
