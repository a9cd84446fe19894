#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 specs for the image cmdlets (see DockerPS.Tests.ps1 for how they run).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force
    $script:image = $env:DOCKERPS_TEST_IMAGE ?? 'dockerps-test/busybox:latest'
    $script:run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:ref = "dps-test/pester-$($script:run):v1"
    $script:container = "dps-pester-img-$($script:run)"
    docker create --name $script:container --label dockerps.test=pester $script:image true | Out-Null
    docker commit --change 'LABEL dockerps.test=pester' $script:container $script:ref | Out-Null
}

AfterAll {
    docker rm -f $script:container | Out-Null
    docker rmi -f $script:ref | Out-Null
}

Describe 'Add-DockerImageTag and Remove-DockerImage' {
    It 'tags an image and removes the tag again' {
        $tagged = Add-DockerImageTag $script:ref -Tag "dps-test/pester-$($script:run):v2" -PassThru
        $tagged.Id | Should -Be (Get-DockerImage $script:ref).Id
        Remove-DockerImage "dps-test/pester-$($script:run):v2"
        Get-DockerImage "dps-test/pester-$($script:run):v2" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Save-DockerImage and Import-DockerImage' {
    It 'round-trips an image through a tar file with the same id' {
        $id = (Get-DockerImage $script:ref).Id
        Save-DockerImage $script:ref -Path "$TestDrive/image.tar"
        Remove-DockerImage $script:ref
        (Import-DockerImage "$TestDrive/image.tar").Id | Should -Be $id
    }
}

Describe 'Get-DockerImageHistory' {
    It 'starts with the image itself' {
        (Get-DockerImageHistory $script:ref)[0].Id | Should -Be (Get-DockerImage $script:ref -Detail).Id
    }
}
