# Dot-sourced by every spec's file-level BeforeAll: imports out/DockerPS by path, as a user would, and sets the
# process up for the leg the run tests (DOCKERPS_TEST_LEG, main unless set; tests/legs.psd1 lists the legs), as the
# xunit harness does: the settings of tests/env/up.sh's env.sh, then the leg file $DOCKERPS_ENV/legs/<leg>.env, whose
# DOCKERPS_TEST_* settings win and whose other variables (DOCKER_HOST, TLS variables, HOME) are what the module sees.
# Nothing of the developer's own docker setup leaks in: DOCKER_CONFIG is the spec file's own, under $TestDrive.
# `docker`, the reference checker, always talks to the engine's socket.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../out/DockerPS/DockerPS.psd1') -Force

function Read-EnvFile([string] $Path) {
    $values = [ordered]@{}
    foreach ($line in Get-Content $Path) {
        if ($line -match '^(?:export )?([A-Za-z_][A-Za-z0-9_]*)=(.*)$') {
            $values[$Matches[1]] = $Matches[2]
        }
    }
    $values
}

$envDirectory = $env:DOCKERPS_ENV ?? '/tmp/dockerps-env'
if (-not (Test-Path "$envDirectory/env.sh")) {
    throw "No test environment in $($envDirectory): run tests/env/up.sh."
}
foreach ($setting in (Read-EnvFile "$envDirectory/env.sh").GetEnumerator()) {
    if (-not [Environment]::GetEnvironmentVariable($setting.Key)) {
        [Environment]::SetEnvironmentVariable($setting.Key, $setting.Value)
    }
}
$testLeg = $env:DOCKERPS_TEST_LEG ? $env:DOCKERPS_TEST_LEG : 'main'
$legFile = "$envDirectory/legs/$testLeg.env"
$legVariables = [ordered]@{}
if (Test-Path $legFile) {
    foreach ($variable in (Read-EnvFile $legFile).GetEnumerator()) {
        if ($variable.Key -like 'DOCKERPS_TEST_*') {
            [Environment]::SetEnvironmentVariable($variable.Key, $variable.Value)
        }
        else {
            $legVariables[$variable.Key] = $variable.Value
        }
    }
}
elseif ($testLeg -ne 'main') {
    throw "No leg file $legFile for DOCKERPS_TEST_LEG=$($testLeg): run tests/env/up.sh."
}

foreach ($name in 'DOCKER_CONTEXT', 'DOCKER_API_VERSION', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'SSH_AUTH_SOCK') {
    [Environment]::SetEnvironmentVariable($name, $null)
}
$env:DOCKER_HOST = $env:DOCKERPS_TEST_DOCKER_HOST
$env:DOCKER_CONFIG = (New-Item -ItemType Directory -Force (Join-Path $TestDrive 'docker-config')).FullName
foreach ($variable in $legVariables.GetEnumerator()) {
    [Environment]::SetEnvironmentVariable($variable.Key, $variable.Value)
}

$script:image = $env:DOCKERPS_TEST_IMAGE

# The docker CLI on the engine's own socket, whatever endpoint the module is given on this leg.
function docker {
    & (Get-Command docker -CommandType Application -TotalCount 1) -H $env:DOCKERPS_TEST_DOCKER_HOST @args
}

# A name no other run uses, for what a spec makes (containers, images, networks, volumes).
function New-TestName([string] $Prefix) {
    "dps-pester-$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
}
