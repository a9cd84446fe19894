#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for Copy-DockerItem and Export-DockerContainer (see DockerPS.Tests.ps1 for how they run).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:image = $env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest'
    $script:name = "dps-pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    docker create --name $script:name --label dockerps.test=pester $script:image true | Out-Null
}

AfterAll {
    docker rm -f $script:name | Out-Null
}

Describe 'Copy-DockerItem' {
    It 'copies a directory in and back out unchanged' {
        New-Item -ItemType Directory "$TestDrive/site/css" | Out-Null
        Set-Content "$TestDrive/site/index.html" '<h1>hi</h1>'
        Set-Content "$TestDrive/site/css/main.css" 'body {}'
        Copy-DockerItem "$TestDrive/site" "$($script:name):/site"
        Copy-DockerItem "$($script:name):/site" "$TestDrive/back"
        Get-Content "$TestDrive/back/css/main.css" | Should -Be 'body {}'
        (Get-ChildItem -Recurse "$TestDrive/back").Count | Should -Be 3
    }

    It 'refuses a file onto a missing directory, as docker cp does' {
        Set-Content "$TestDrive/file" 'x'
        Copy-DockerItem "$TestDrive/file" "$($script:name):/missing/" -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'DestinationDirectoryNotFound,DockerPS.Commands.CopyDockerItemCommand'
    }
}

Describe 'Export-DockerContainer' {
    It 'writes the file system as a tar file' {
        $file = Export-DockerContainer $script:name -Path "$TestDrive/fs.tar"
        $file.Length | Should -BeGreaterThan 0
        tar -tf $file.FullName | Should -Contain 'bin/busybox'
    }
}
