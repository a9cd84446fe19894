#!/usr/bin/env bash
# The one benchmark command: brings up the test engine, builds the module, runs every scenario against that
# engine and prints one table, also written to bench/results/<date>-<machine>.md (and latest.md for full runs).
#   bench/run.sh            full run (B3 with 20 containers per batch)
#   bench/run.sh --n100     B3 with 100 containers per batch
#   bench/run.sh --smoke    tiny counts, well under a minute; results-*-smoke.md is not kept in the repo
#   bench/run.sh --only B8  the scenarios named (comma-separated), written to results/<date>-<machine>-B8.md
set -euo pipefail
cd "$(dirname "$0")/.."
tests/env/up.sh >&2
. "${DOCKERPS_ENV:-/tmp/dockerps-env}/env.sh"
dotnet build src/DockerPS -c Release -nologo -v q >&2
dotnet build bench/DockerPS.Bench -c Release -nologo -v q >&2
DOCKER_HOST="$DOCKERPS_TEST_DOCKER_HOST" DOCKERPS_TEST_IMAGE="$DOCKERPS_TEST_IMAGE" \
  dotnet bench/DockerPS.Bench/bin/Release/net10.0/DockerPS.Bench.dll --results bench/results "$@"
