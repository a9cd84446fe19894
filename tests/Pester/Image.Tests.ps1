#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Images: listing and filtering, tags, save and load, history, on the leg's endpoint (Legs).

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName img
    $script:repo = "dps-test/$($script:run)"
    # Two images of our own: v1 (with a label) and v2 (one layer more), both from the base image.
    docker create --name $script:run --label "dockerps.pester=$($script:run)" $script:image true | Out-Null
    docker commit --change "LABEL dockerps.pester=$($script:run)" $script:run "$($script:repo):v1" | Out-Null
    docker run --name "$($script:run)-2" "$($script:repo):v1" sh -c 'echo two > /two' | Out-Null
    docker commit "$($script:run)-2" "$($script:repo):v2" | Out-Null
}

AfterAll {
    docker rm -f $script:run "$($script:run)-2" | Out-Null
    docker images -q --filter "label=dockerps.pester=$($script:run)" | Sort-Object -Unique | ForEach-Object { docker rmi -f $_ } | Out-Null
}

Describe 'Listing and filtering images' -Tag Legs {
    It 'lists the rows docker images lists' {
        Get-DockerImage $script:repo | ForEach-Object { '{0}:{1} {2}' -f $_.Repository, $_.Tag, $_.Id } | Sort-Object |
            Should -Be (docker images --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' $script:repo | Sort-Object)
    }

    It 'filters by name wildcard, tag and label' {
        (Get-DockerImage "dps-test/*$($script:run.Substring(10))").Reference | Sort-Object | Should -Be "$($script:repo):v1", "$($script:repo):v2"
        (Get-DockerImage $script:repo -Tag v2).Reference | Should -Be "$($script:repo):v2"
        (Get-DockerImage -Label "dockerps.pester=$($script:run)").Reference | Sort-Object | Should -Be "$($script:repo):v1", "$($script:repo):v2"
        (Get-DockerImage -Filter @{ before = "$($script:repo):v2"; reference = "$($script:repo)*" }).Reference | Should -Be "$($script:repo):v1"
    }

    It 'writes ImageNotFound for a name without wildcards that matches nothing' {
        { Get-DockerImage -Name "$($script:repo):none" -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImageNotFound,DockerPS.Commands.GetDockerImageCommand'
    }
}

Describe 'Tags, save and load, history' -Tag Legs {
    It 'tags an image and removes the tag again' {
        $tagged = Add-DockerImageTag "$($script:repo):v1" -Tag "$($script:repo):v3" -PassThru
        $tagged.Id | Should -Be (docker image inspect --format '{{.Id}}' "$($script:repo):v1")
        Remove-DockerImage "$($script:repo):v3"
        docker images -q "$($script:repo):v3" | Should -BeNullOrEmpty
        docker images -q "$($script:repo):v1" | Should -Not -BeNullOrEmpty
    }

    It 'round-trips an image through a tar file with the same id' {
        $id = (Get-DockerImage "$($script:repo):v2").Id
        Save-DockerImage "$($script:repo):v2" -Path "$TestDrive/image.tar"
        Remove-DockerImage "$($script:repo):v2"
        docker images -q "$($script:repo):v2" | Should -BeNullOrEmpty
        (Import-DockerImage "$TestDrive/image.tar").Id | Should -Be $id
        docker image inspect --format '{{.Id}}' "$($script:repo):v2" | Should -Be $id
    }

    It 'lists the history docker history lists, newest first' {
        # Layers whose image is not on the engine (after the load above, v1's) have no id; docker shows <missing>.
        Get-DockerImageHistory "$($script:repo):v2" | ForEach-Object { $_.Id ? $_.Id : '<missing>' } |
            Should -Be (docker history --no-trunc --format '{{.ID}}' "$($script:repo):v2")
    }
}
