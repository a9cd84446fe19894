#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# DockerPS's own types by name, as scripts use them: type literals, typed parameters, casts and typed catch.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:manifest = Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1'
    $script:name = New-TestName types
    docker create --name $script:name --label dockerps.test=pester $script:image true | Out-Null
}

AfterAll {
    docker rm -f $script:name | Out-Null
}

Describe 'DockerPS types by name' {
    It 'resolves right after Import-Module, before any cmdlet ran' {
        # A new process: in this one other specs may already have loaded everything.
        $names = Start-Job {
            Import-Module $using:manifest
            [DockerPS.Container].FullName
            [DockerPS.DockerEngineException].FullName
        } | Receive-Job -Wait -AutoRemoveJob
        $names | Should -Be 'DockerPS.Container', 'DockerPS.DockerEngineException'
    }

    It 'binds a typed parameter from the pipeline and refuses other objects' {
        function Get-ContainerName {
            param([Parameter(ValueFromPipeline)][DockerPS.Container] $Container)
            process { $Container.Name }
        }
        Get-DockerContainer -Name $script:name | Get-ContainerName | Should -Be $script:name
        { Get-ContainerName -Container 'text' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Get-ContainerName'
    }

    It 'takes a typed array of images' {
        function Measure-Image([DockerPS.Image[]] $Image) { ($Image | Measure-Object Size -Sum).Sum }
        $images = Get-DockerImage
        Measure-Image -Image $images | Should -Be ($images | Measure-Object Size -Sum).Sum
    }

    It 'casts and tests types' {
        $found = Get-DockerContainer -Name $script:name
        $found | Should -BeOfType ([DockerPS.Container])
        ([DockerPS.Container]$found).Id | Should -Be $found.Id
        $found -is [DockerPS.ContainerDetail] | Should -BeFalse
        $found | Get-DockerContainer -Detail | Should -BeOfType ([DockerPS.ContainerDetail])
    }

    It 'catches a failed container process by its exception type' {
        try {
            Invoke-DockerContainer $script:image -Remove -Label @{ 'dockerps.test' = 'pester' } -Command sh, -c, 'echo bye; exit 3' -ErrorAction Stop | Out-Null
        }
        catch [DockerPS.ContainerExitException] {
            $exit = $_.Exception
        }
        $exit.ExitCode | Should -Be 3
        $exit.OutputTail | Should -Be 'bye'
    }

    It 'catches an unreachable engine by its exception type, and any DockerPS failure by the base type' {
        $caught = try {
            Get-DockerVersion -DockerHost unix:///nonexistent/docker.sock -ErrorAction Stop
        }
        catch [DockerPS.DockerEngineException] {
            $_.Exception.Code.Id, $_.FullyQualifiedErrorId
        }
        $caught | Should -Be 'EngineUnreachable', 'EngineUnreachable,DockerPS.Commands.GetDockerVersionCommand'
        $base = try { Get-DockerVersion -DockerHost unix:///nonexistent/docker.sock -ErrorAction Stop } catch [DockerPS.DockerPSException] { $_.Exception.Code.Id }
        $base | Should -Be 'EngineUnreachable'
    }
}
