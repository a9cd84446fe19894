#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-DockerBuild from a folder, and from a prepared archive read with Get-Content or from standard input, on the
# leg's endpoint (Legs).

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName build
    $script:repo = "dps-test/$($script:run)"
    $script:folder = New-Item -ItemType Directory (Join-Path $TestDrive 'app')
    Set-Content (Join-Path $script:folder 'hello.txt') 'hello from the folder'
    Set-Content (Join-Path $script:folder 'Dockerfile') @"
FROM $($script:image)
LABEL dockerps.pester=$($script:run)
ARG WHO=nobody
ARG FLAVOUR
COPY hello.txt /
RUN echo "`$WHO `$FLAVOUR" > /who
"@
    # The folder as a prepared archive, as tar writes one.
    $script:archive = Join-Path $TestDrive 'app.tar.gz'
    tar -czf $script:archive -C $script:folder .
    if ($LASTEXITCODE) { throw "tar failed ($LASTEXITCODE)" }
}

AfterAll {
    docker images -q --filter "label=dockerps.pester=$($script:run)" | Sort-Object -Unique | ForEach-Object { docker rmi -f $_ } | Out-Null
}

Describe 'Invoke-DockerBuild' -Tag Legs {
    It 'builds a folder with its Dockerfile, build args and two tags, and writes the built image' {
        $built = Invoke-DockerBuild $script:folder -Tag "$($script:repo):v1", "$($script:repo):latest" `
            -BuildArg @{ WHO = 'pester'; FLAVOUR = 'plain' } -InformationAction Ignore
        $built.Id | Should -Be (docker image inspect --format '{{.Id}}' "$($script:repo):v1")
        docker image inspect --format '{{.Id}}' "$($script:repo):latest" | Should -Be $built.Id
        Invoke-DockerContainer "$($script:repo):v1" -Remove -Command cat, /who, /hello.txt | Should -Be 'pester plain', 'hello from the folder'
    }

    It 'reports a failing step with its exit code and tags nothing' {
        $dockerfile = "FROM $($script:image)`nLABEL dockerps.pester=$($script:run)`nRUN exit 4`n"
        $dockerfile | Invoke-DockerBuild $script:folder -Tag "$($script:repo):failed" -ForceRemove -InformationAction Ignore `
            -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'BuildFailed,DockerPS.Commands.InvokeDockerBuildCommand'
        $failed[0].Exception.ExitCode | Should -Be 4
        docker images -q "$($script:repo):failed" | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-DockerBuild from a prepared archive' -Tag Legs {
    It 'builds the bytes Get-Content -AsByteStream -Raw reads, as they are' {
        $built = Get-Content $script:archive -AsByteStream -Raw | Invoke-DockerBuild -Tag "$($script:repo):bytes" -BuildArg @{ WHO = 'bytes' } -InformationAction Ignore
        $built.RepoTags | Should -Be "$($script:repo):bytes"
        Invoke-DockerContainer "$($script:repo):bytes" -Remove -Command cat, /who, /hello.txt | Should -Be 'bytes ', 'hello from the folder'
    }

    It 'reads the archive from standard input with -, in a pwsh that a shell pipes tar into' {
        $script = "Import-Module '$(Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1')'; " +
            "(Invoke-DockerBuild - -Tag '$($script:repo):stdin' -BuildArg @{ WHO = 'stdin' } -InformationAction Ignore -ProgressAction Ignore).Id"
        # Encoded, so the shell leaves the script's quotes alone; a real shell pipe, as a user's `tar -c . | pwsh -c ...`
        # (Start-Process -RedirectStandardInput would pass the bytes as text).
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $id = /bin/sh -c "tar -cz -C '$($script:folder)' . | '$(Join-Path $PSHOME pwsh)' -NoProfile -NonInteractive -EncodedCommand $encoded" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "$id"
        $id | Should -Be (docker image inspect --format '{{.Id}}' "$($script:repo):stdin")
        Invoke-DockerContainer "$($script:repo):stdin" -Remove -Command cat, /who | Should -Be 'stdin '
    }

    It 'says - needs redirected input when there is none, and that a file that is not an archive is not one' {
        if (-not [Console]::IsInputRedirected) {
            Invoke-DockerBuild - -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be 'StandardInputNotRedirected,DockerPS.Commands.InvokeDockerBuildCommand'
        }
        Invoke-DockerBuild (Join-Path $script:folder 'Dockerfile') -ErrorVariable notArchive -ErrorAction SilentlyContinue
        $notArchive[0].FullyQualifiedErrorId | Should -Be 'InvalidBuildContext,DockerPS.Commands.InvokeDockerBuildCommand'
    }
}
