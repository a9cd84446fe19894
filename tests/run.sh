#!/usr/bin/env bash
# The one test command, as CI runs it (.ci/run) on a fresh clone: brings up the test environment (packages, private
# dockerd, registries, sshd, and pwsh and Pester from NuGet: tests/env/up.sh), then runs every test in real pwsh:
# build.ps1 -Test builds out/DockerPS, runs the unit tests, and for each leg of tests/legs.psd1 the xunit integration
# suite and the Pester specs. Ends with one 'N passed, N failed, N skipped' line; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/env/up.sh
exec dotnet pwsh -NoProfile -NonInteractive -File build.ps1 -Test
