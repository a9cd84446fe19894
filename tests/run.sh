#!/usr/bin/env bash
# The one test command: brings up the test environment (packages, private dockerd, base image), builds the
# module folder out/DockerPS, and runs the unit and integration suites (the integration suite on the unix socket, then
# its remote scenarios once per endpoint leg). Ends with one 'N passed, N failed' line.
set -uo pipefail
cd "$(dirname "$0")/.."

tests/env/up.sh || exit 1
# shellcheck disable=SC1091
source "${DOCKERPS_ENV:-/tmp/dockerps-env}/env.sh"

dotnet build src/DockerPS -c Release -nologo -v quiet || exit 1

results="$(mktemp -d)"
status=0
for suite in tests/DockerPS.UnitTests tests/DockerPS.Tests; do
  dotnet test "$suite" -c Release -nologo --logger "trx;LogFileName=$(basename "$suite").trx" --results-directory "$results" || status=1
done
# The endpoint legs this checkout supports: the same engine reached another way, the module seeing the variables of
# $DOCKERPS_ENV/legs/<leg>.env (up.sh writes them; tls: TCP+TLS on 127.0.0.1:2376; ssh: ssh://dockerps-ssh, the sshd on 127.0.0.1:2222). The classes marked
# [Trait("Legs", "all")] (foundation, container and image scenarios) run again on each. The list is here, not taken
# from the legs folder, which checkouts of other branches share.
for leg in tls ssh; do
  echo "== endpoint leg $leg" >&2
  DOCKERPS_TEST_LEG="$leg" dotnet test tests/DockerPS.Tests -c Release -nologo --no-build --filter "Legs=all" \
    --logger "trx;LogFileName=DockerPS.Tests-$leg.trx" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
  skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$counters")))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$passed" -gt 0 ] || status=1
exit $status
