#!/usr/bin/env bash
# Real PowerShell and Pester for this checkout, idempotently (called by up.sh): pwsh is the dotnet tool pinned in
# .config/dotnet-tools.json (`dotnet pwsh`), Pester the NuGet package tools/Pester restores (imported by path, see
# tools/Pester/Import-Pester.ps1). Both come from NuGet; no PowerShell Gallery is needed.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
dotnet restore tools/Pester -v quiet -nologo >/dev/null
echo "pwsh.sh: $(dotnet pwsh -NoProfile -NonInteractive -Command '"PowerShell $($PSVersionTable.PSVersion)"'), Pester restored" >&2
