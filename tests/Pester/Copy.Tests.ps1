#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Copy-DockerItem and Export-DockerContainer, on the leg's endpoint (Legs).

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:name = New-TestName copy
    docker create --name $script:name --label "dockerps.pester=$($script:name)" $script:image true | Out-Null
}

AfterAll {
    docker rm -f $script:name | Out-Null
}

Describe 'Copy-DockerItem' -Tag Legs {
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

Describe 'Export-DockerContainer' -Tag Legs {
    It 'writes the file system as a tar file' {
        $file = Export-DockerContainer $script:name -Path "$TestDrive/fs.tar"
        $file.Length | Should -BeGreaterThan 0
        tar -tf $file.FullName | Should -Contain 'bin/busybox'
    }
}
