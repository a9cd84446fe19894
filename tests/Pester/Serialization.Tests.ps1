#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Every output type of DockerPS, made against the test engine (and its registry, DOCKERPS_TEST_REGISTRY*), through
# ConvertTo-Json at the default depth and Export-Csv, and read back with ConvertFrom-Json and Import-Csv: no warnings,
# no type names, the same data; the engine's own answer stays reachable as the hidden property Raw.
# Not here: System.IO.FileInfo and DirectoryInfo (Copy-DockerItem, Save-DockerImage, Export-DockerContainer), which are
# PowerShell's own; the strings of Invoke-DockerExec.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName ser
    $script:label = "dockerps.test=$script:run"
    $script:since = (Get-Date).AddMinutes(-1)
    $script:name = $script:run
    $script:ended = "$script:run-ended"
    $script:healthy = "$script:run-healthy"
    $script:network = "$script:run-net"
    $script:volume = "$script:run-vol"
    $script:tag = "dps-test/$($script:run):v1"
    $script:context = $script:run
    docker network create --label $script:label $script:network | Out-Null
    docker volume create --label $script:label $script:volume | Out-Null
    docker run -d --name $script:name --label $script:label --label 'tier=web' --network $script:network `
        -p 127.0.0.1::80 -v "$($script:volume):/data" $script:image sh -c 'touch /made; sleep 600' | Out-Null
    docker run --name $script:ended --label $script:label $script:image sh -c 'echo hello; echo oops >&2' 2>&1 | Out-Null
    # Read once healthy, then removed: each probe is four engine events, and the engine keeps only its last 256 (EngineEvent below reads back).
    docker run -d --name $script:healthy --label $script:label --health-cmd 'echo fine' --health-interval 200ms $script:image sleep 600 | Out-Null
    $script:healthyDetail = Wait-DockerContainer $script:healthy -Condition healthy -Timeout 30
    $script:healthyRow = Get-DockerContainer -Name $script:healthy
    docker rm -f $script:healthy | Out-Null
    docker tag $script:image $script:tag
    $script:file = New-Item (Join-Path $TestDrive 'note.txt') -Value 'note'
    $tls = Join-Path ($env:DOCKERPS_ENV ?? '/tmp/dockerps-env') 'tls/client'
    New-DockerContext $script:context -DockerHost $env:DOCKERPS_TEST_TLS_HOST -TlsCACertificate "$tls/ca.pem" -TlsCertificate "$tls/cert.pem" -TlsKey "$tls/key.pem" | Out-Null
    $script:swarmManager = ($env:DOCKERPS_TEST_SWARM_HOSTS -split ',')[0]
    $script:secret = "$script:run-secret"
    $script:config = "$script:run-config"
    'value' | New-DockerSecret $script:secret -DockerHost $script:swarmManager | Out-Null
    $script:service = "$script:run-service"
    New-DockerService $script:image -Name $script:service -StopGracePeriod 1s -UpdateMonitor 1s -Command sh, -c, 'echo up; sleep 600' -DockerHost $script:swarmManager | Out-Null
    'content' | New-DockerConfig $script:config -Label @{ tier = 'web' } -TemplateDriver golang -DockerHost $script:swarmManager | Out-Null
    $script:pushed = "$env:DOCKERPS_TEST_REGISTRY/dps-test/$($script:run):v1"
    $script:credential = [pscredential]::new($env:DOCKERPS_TEST_REGISTRY_USER,
        (ConvertTo-SecureString $env:DOCKERPS_TEST_REGISTRY_PASSWORD -AsPlainText -Force))

    # How each output type is made; each Describe below takes the first object.
    $script:make = [ordered]@{
        Config            = { Get-DockerConfig $script:config -DockerHost $script:swarmManager }
        Container         = { Get-DockerContainer -Name $script:name }
        ContainerDetail   = { Get-DockerContainer -Name $script:name -Detail }
        ContainerChange   = { Get-DockerContainerChange $script:name }
        ContainerExit     = { Wait-DockerContainer $script:ended }
        ContainerHealth   = { $script:healthyDetail.Health }
        ContainerExec     = { Invoke-DockerExec $script:name -Command sleep, 1 -Detach }
        ContainerLogLine  = { Get-DockerContainerLog $script:ended -Timestamps }
        ContainerPathInfo = { Copy-DockerItem $script:file.FullName "$($script:name):/tmp/" -PassThru }
        ContainerProcess  = { Get-DockerContainerProcess $script:name }
        ContainerStats    = { Get-DockerContainerStats $script:name }
        DiskUsage         = { Get-DockerDiskUsage }
        DiskUsageItem     = { Get-DockerDiskUsage -Detail | Where-Object Name -EQ $script:volume }
        DockerContext     = { Get-DockerContext $script:context }
        DockerEngine      = { Connect-DockerHost }
        EngineEvent       = { Get-DockerEvent -Since $script:since -Until (Get-Date).AddSeconds(1) -Filter @{ container = $script:name; event = 'start' } }
        EngineInfo        = { Get-DockerInfo }
        EngineVersion     = { Get-DockerVersion }
        Image             = { Get-DockerImage $script:tag }
        ImageDetail       = { Get-DockerImage $script:tag -Detail }
        ImageHistoryItem  = { Get-DockerImageHistory $script:tag }
        ImageRemoval      = { Add-DockerImageTag $script:tag -Tag "dps-test/$($script:run)-gone:v1"; Remove-DockerImage "dps-test/$($script:run)-gone:v1" -PassThru }
        Manifest          = { docker tag $script:image $script:pushed; Push-DockerImage $script:pushed -Credential $script:credential | Out-Null; Get-DockerManifest $script:pushed -Credential $script:credential }
        Network           = { Get-DockerNetwork $script:network -Detail }
        Node              = { Get-DockerNode -DockerHost $script:swarmManager }
        PublishedPort     = { Get-DockerContainerPort $script:name }
        PruneResult       = { docker volume create --label $script:label | Out-Null; Clear-DockerVolume -Filter @{ label = $script:label } -All -Force }
        PushResult        = { docker tag $script:image $script:pushed; Push-DockerImage $script:pushed -Credential $script:credential }
        RegistryLogin     = { Connect-DockerRegistry $env:DOCKERPS_TEST_REGISTRY -Credential $script:credential }
        Swarm             = { Get-DockerSwarm -DockerHost $script:swarmManager }
        Secret            = { Get-DockerSecret $script:secret -DockerHost $script:swarmManager }
        Service           = { Get-DockerService $script:service -DockerHost $script:swarmManager }
        ServiceLogLine    = { Get-DockerServiceLog $script:service -Timestamps -DockerHost $script:swarmManager }
        SwarmTask         = { Get-DockerServiceTask $script:service -DockerHost $script:swarmManager }
        Volume            = { Get-DockerVolume $script:volume }
    }

    # A .NET type's name where data belongs: what Export-Csv writes for a list or dictionary without text of its own, or
    # a record's default text (TlsSettings { CaFile = … }).
    $script:typeName = '\b(System|Docker\.DotNet|DockerPS|Renci)(\.[A-Z]\w*)+(`\d|\[\]|\b)|^[A-Z]\w* \{ [A-Z]\w* = '

    function Assert-SameData($Expected, $Actual, [string] $Path) {
        if ($null -eq $Expected) {
            $Actual | Should -BeNullOrEmpty -Because $Path
        }
        elseif ($Expected -is [datetime]) {
            ([datetime]$Actual).ToUniversalTime() | Should -Be $Expected.ToUniversalTime() -Because $Path
        }
        elseif ($Expected -is [enum]) {
            $Actual | Should -Be ([long]$Expected) -Because "$Path (ConvertTo-Json writes enums as numbers)"
        }
        elseif ($Expected -is [string] -or $Expected.GetType().IsPrimitive) {
            $Actual | Should -Be $Expected -Because $Path
        }
        elseif ($Expected -is [Collections.IDictionary]) {
            @($Actual.PSObject.Properties.Name) | Should -Be @($Expected.Keys) -Because $Path
            foreach ($key in $Expected.Keys) { Assert-SameData $Expected[$key] $Actual.$key "$Path.$key" }
        }
        elseif ($Expected -is [Collections.IEnumerable]) {
            $items = @($Expected)
            @($Actual).Count | Should -Be $items.Count -Because $Path
            for ($i = 0; $i -lt $items.Count; $i++) { Assert-SameData $items[$i] @($Actual)[$i] "$Path[$i]" }
        }
        else {
            foreach ($property in $Expected.PSObject.Properties) {
                Assert-SameData $property.Value $Actual.($property.Name) "$Path.$($property.Name)"
            }
        }
    }

    # What a CSV cell holds for a list or a map: its items (name=value pairs) joined with commas, as docker ps prints them.
    function Get-CsvText($Value) {
        if ($null -eq $Value) { return '' }
        if ($Value -is [Collections.IDictionary]) { return ($Value.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',' }
        if ($Value -is [Collections.IEnumerable] -and $Value -isnot [string]) { return ($Value | ForEach-Object { "$_" }) -join ',' }
        return $null
    }
}

AfterAll {
    Remove-DockerContext $script:context -ErrorAction SilentlyContinue
    docker rm -f $script:name $script:ended | Out-Null
    docker rmi $script:tag $script:pushed 2>&1 | Out-Null
    docker volume rm $script:volume | Out-Null
    docker network rm $script:network | Out-Null
    Remove-DockerService $script:service -DockerHost $script:swarmManager
    Remove-DockerSecret $script:secret -DockerHost $script:swarmManager
    Remove-DockerConfig $script:config -DockerHost $script:swarmManager
}

Describe '<_> through ConvertTo-Json and Export-Csv' -ForEach @(
    'Config', 'Container', 'ContainerDetail', 'ContainerChange', 'ContainerExit', 'ContainerHealth', 'ContainerExec', 'ContainerLogLine', 'ContainerPathInfo',
    'ContainerProcess', 'ContainerStats', 'DiskUsage', 'DiskUsageItem', 'DockerContext', 'DockerEngine', 'EngineEvent',
    'EngineInfo', 'EngineVersion', 'Image', 'ImageDetail', 'ImageHistoryItem', 'ImageRemoval', 'Manifest', 'Network', 'Node',
    'PublishedPort', 'PruneResult', 'PushResult', 'RegistryLogin', 'Secret', 'Service', 'ServiceLogLine', 'Swarm', 'SwarmTask', 'Volume') {

    BeforeAll {
        $script:object = & $script:make[$_] | Select-Object -First 1
        $script:properties = $script:object.PSObject.Properties | Where-Object IsGettable
    }

    It 'is made as a <_>' {
        $script:object.GetType().Name | Should -Be $_
    }

    It 'converts to JSON at the default depth with no warning and no type name, and reads back the same' {
        $json = $script:object | ConvertTo-Json -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
        $json | Should -Not -MatchExactly $script:typeName
        Assert-SameData $script:object ($json | ConvertFrom-Json) $_
    }

    It 'exports to CSV with no type name, lists and maps as text, and imports back' {
        $csv = Join-Path $TestDrive "$_.csv"
        $script:object | Export-Csv $csv
        $row = Import-Csv $csv
        $row.PSObject.Properties.Name | Should -Be $script:properties.Name
        foreach ($property in $script:properties) {
            $row.($property.Name) | Should -Not -MatchExactly $script:typeName -Because $property.Name
            if ($null -ne ($text = Get-CsvText $property.Value)) {
                $row.($property.Name) | Should -BeExactly $text -Because $property.Name
            }
        }
    }

    It 'keeps the engine''s own answer reachable but out of the data' {
        $hasRaw = $null -ne $script:object.PSObject.Methods['GetRaw']
        $script:properties.Name | Should -Not -Contain 'Raw'
        if ($hasRaw) {
            $script:object | Get-Member -Force -Name Raw | Should -Not -BeNullOrEmpty
            $script:object.Raw | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Lists and maps in CSV read as docker prints them' {
    It 'writes a container''s names, labels, ports and networks as text' {
        $row = Get-DockerContainer -Name $script:name | ConvertTo-Csv | ConvertFrom-Csv
        $row.Names | Should -BeExactly $script:name
        $row.Labels -split ',' | Sort-Object | Should -BeExactly $script:label, 'tier=web'
        $row.Ports | Should -Match '^127\.0\.0\.1:\d+->80/tcp$'
        $row.Networks | Should -BeExactly $script:network
    }

    It 'writes a container''s health as its status' {
        ($script:healthyRow | ConvertTo-Csv | ConvertFrom-Csv).Health | Should -BeExactly 'healthy'
        ($script:healthyDetail | ConvertTo-Csv | ConvertFrom-Csv).Health | Should -BeExactly 'healthy'
    }

    It 'writes an image''s tags as text' {
        $row = Get-DockerImage $script:tag | ConvertTo-Csv | ConvertFrom-Csv
        $row.RepoTags -split ',' | Should -Contain $script:tag
    }

    It 'writes a context''s TLS files as text' {
        $row = Get-DockerContext $script:context | ConvertTo-Csv | ConvertFrom-Csv
        $row.Tls | Should -BeLike 'CaFile=*/ca.pem,CertificateFile=*/cert.pem,KeyFile=*/key.pem,Verify=True'
    }

    It 'writes a container''s mounts and a network''s containers as text' {
        (Get-DockerContainer -Name $script:name -Detail | ConvertTo-Csv | ConvertFrom-Csv).Mounts | Should -BeExactly "$($script:volume):/data"
        (Get-DockerNetwork $script:network -Detail | ConvertTo-Csv | ConvertFrom-Csv).Containers | Should -BeExactly $script:name
    }
}

Describe 'The engine''s answers in hidden properties' {
    It 'reads a container''s inspect answer, Config and HostConfig' {
        $detail = Get-DockerContainer -Name $script:name -Detail
        $detail.Raw.Name | Should -Be "/$script:name"
        $detail.Config.Labels['tier'] | Should -Be 'web'
        $detail.HostConfig.NetworkMode | Should -Be $script:network
        $detail | Format-List * | Out-String | Should -Not -Match 'HostConfig'
    }

    It 'pipes a network''s attached container, hidden engine and all, into container cmdlets' {
        $endpoint = (Get-DockerNetwork $script:network -Detail).Containers[0]
        $endpoint.Engine.Endpoint | Should -Be (Get-DockerContainer -Name $script:name).Engine.Endpoint
        ($endpoint | Get-DockerContainer).Name | Should -Be $script:name
    }
}
