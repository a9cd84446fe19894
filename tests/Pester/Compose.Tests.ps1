#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A compose application deployed per environment as a runbook does it: one compose file, an override file and an env
# file per environment, a dev engine (the test engine) and a production engine (the Docker 26 engine of
# tests/env/up.sh), one context each. Checked with the docker CLI on each engine; everything goes in AfterAll.

BeforeAll {
    . (Join-Path $PSScriptRoot TestEnvironment.ps1)
    $script:run = New-TestName compose
    $script:prodHost = "unix://$($env:DOCKERPS_ENV ?? '/tmp/dockerps-env')/docker26/docker.sock"
    New-DockerContext "$script:run-dev" -DockerHost $env:DOCKERPS_TEST_DOCKER_HOST | Out-Null
    New-DockerContext "$script:run-prod" -DockerHost $script:prodHost | Out-Null

    $script:app = (New-Item -ItemType Directory (Join-Path $TestDrive app)).FullName
    Set-Content (Join-Path $script:app compose.yaml) @"
name: $script:run
services:
  web:
    image: $script:image
    command: ["sleep", "3600"]
    environment:
      STAGE: `${STAGE}
    stop_grace_period: 1s
"@
    Set-Content (Join-Path $script:app compose.prod.yaml) @"
services:
  web:
    deploy:
      replicas: `${REPLICAS:-1}
    labels:
      tier: production
"@
    Set-Content (Join-Path $script:app dev.env) 'STAGE=dev'
    Set-Content (Join-Path $script:app prod.env) "STAGE=production`nREPLICAS=2"

    function script:Stage([string] $Container, [string] $DockerHost) {
        & (Get-Command docker -CommandType Application -TotalCount 1) -H $DockerHost inspect --format '{{range .Config.Env}}{{println .}}{{end}}' $Container |
            Where-Object { $_ -like 'STAGE=*' }
    }
}

AfterAll {
    Remove-DockerCompose -ProjectName $script:run -Context "$script:run-dev", "$script:run-prod" -ErrorAction SilentlyContinue | Out-Null
    Remove-DockerContext "$script:run-dev", "$script:run-prod"
}

Describe 'A compose application per environment' {
    It 'deploys the dev settings to dev and the production override and env file to production' {
        Push-Location $script:app
        try {
            $dev = Import-DockerCompose -EnvFile dev.env | Deploy-DockerCompose -Context "$script:run-dev"
            $prod = Import-DockerCompose -Path compose.yaml, compose.prod.yaml -EnvFile prod.env | Deploy-DockerCompose -Context "$script:run-prod"
        }
        finally { Pop-Location }

        $dev | Where-Object Kind -eq Container | ForEach-Object Name | Should -Be "$script:run-web-1"
        $prod | Where-Object Kind -eq Container | ForEach-Object Name | Should -Be "$script:run-web-1", "$script:run-web-2"
        Stage "$script:run-web-1" $env:DOCKERPS_TEST_DOCKER_HOST | Should -Be 'STAGE=dev'
        Stage "$script:run-web-2" $script:prodHost | Should -Be 'STAGE=production'
        (Get-DockerCompose -ProjectName $script:run -Context "$script:run-prod").Labels.tier | Should -Be 'production', 'production'
    }

    It 'converges: a second deployment changes nothing, and -WhatIf of a change changes nothing either' {
        Push-Location $script:app
        try {
            $again = Import-DockerCompose -Path compose.yaml, compose.prod.yaml -EnvFile prod.env | Deploy-DockerCompose -Context "$script:run-prod"
            $env:REPLICAS = '1'
            Import-DockerCompose -Path compose.yaml, compose.prod.yaml -EnvFile prod.env | Deploy-DockerCompose -Context "$script:run-prod" -WhatIf | Out-Null
        }
        finally { Remove-Item env:REPLICAS; Pop-Location }

        $again.Action | Should -Be 'UpToDate', 'UpToDate'
        (Get-DockerCompose -ProjectName $script:run -Context "$script:run-prod").Count | Should -Be 2
    }

    It 'goes down on both engines, which then have nothing of the project' {
        $removed = Remove-DockerCompose -ProjectName $script:run -Context "$script:run-dev", "$script:run-prod"

        ($removed | Where-Object Kind -eq Container).Count | Should -Be 3
        Get-DockerCompose -ProjectName $script:run -Context "$script:run-dev", "$script:run-prod" | Should -BeNullOrEmpty
        Get-DockerNetwork -Context "$script:run-dev", "$script:run-prod" | Where-Object Name -eq "$($script:run)_default" | Should -BeNullOrEmpty
    }
}
