#!/usr/bin/env bash
# The test swarm, idempotently (called by up.sh): three Docker 28 engines (up.sh's binaries), each a node of its own,
# one manager (node1) and two workers. Each dockerd runs in its own network namespace ($PREFIX-swarmN) with a veth on
# a bridge made here ($BRIDGE, $NET.1/24; node N is $NET.1N) and its own hostname (swarm-nodeN, a UTS namespace), its
# socket, data root, exec root, pidfile and log in $DOCKERPS_ENV/swarm/nodeN, its own containerd (dockerd's managed
# one, under its exec root), containerd namespace and cgroup parent. Inside its namespace a node keeps its firewall
# rules (ingress, overlay networks) to itself; overlay traffic (vxlan) crosses the bridge. Each holds the test image.
# Swarm networks take their subnets from $POOL. This machine's kernel has no IPVS: a service's virtual IP and the
# ingress routing mesh do not answer (dockerd logs "net.ipv4.vs..." errors); tasks reach each other by their own
# addresses (tasks.NAME, --endpoint-mode dnsrr) and publish ports in host mode.
# A registry the nodes pull from ($REGISTRY: distribution on plain HTTP on the bridge's host address, which the nodes
# take over HTTP, --insecure-registry) with up.sh's login (its htpasswd: up.sh makes that before it calls this), for
# private images (--with-registry-auth); its state in $DIR/registry.
#   swarm.sh [up] [ROOT]  (re)starts the swarm unless it runs already; ROOT holds the engine's binaries (up.sh's
#                         forky root, $DOCKERPS_CACHE/forky/root by default)
#   swarm.sh down         stops the nodes and the registry and removes their processes, cgroups, mounts, state,
#                         namespaces and bridge; also after an interrupted start
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/env/common.sh
. "$HERE/common.sh"
cd /
ENV_DIR="${DOCKERPS_ENV:-/tmp/dockerps-env}"
CACHE="${DOCKERPS_CACHE:-/var/cache/dockerps}"
ROOT="${2:-$CACHE/forky/root}"
DOCKER_CLI="$ROOT/usr/bin/docker"
DIR="$ENV_DIR/swarm"
BRIDGE="${DOCKERPS_SWARM_BRIDGE:-dps-swarm0}"
NET="${DOCKERPS_SWARM_NET:-10.203.0}"
POOL="${DOCKERPS_SWARM_POOL:-10.204.0.0/16}"
PREFIX=$(basename "$ENV_DIR" | tr -c 'a-zA-Z0-9_\n-' '-')
REGISTRY="$NET.1:${DOCKERPS_SWARM_REGISTRY_PORT:-5102}"
IMAGE="dockerps-test/busybox:latest"
NODES=(1 2 3)

node_cli() { local n=$1; shift; DOCKER_CONFIG="$ENV_DIR/cli" "$DOCKER_CLI" -H "unix://$DIR/node$n/docker.sock" "$@"; }

stop_node() {
  local n=$1 cgroup="$PREFIX-swarm$1"
  stop_and_clear "$DIR/node$n" "$DIR/node$n/launch.pid" "$DIR/node$n/docker.sock" "$cgroup"
  # One started by a run interrupted before it noted the pid.
  pkill -9 -f -- "--host unix://$DIR/node$n/docker.sock" || true
  find /sys/fs/cgroup/*/"$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null || true
  [ ! -e "/run/netns/$PREFIX-swarm$n" ] || ip netns delete "$PREFIX-swarm$n"
  # The node's veth outlives its namespace while a process still holds that (or the machine came back with it).
  ! ip link show "$BRIDGE-$n" >/dev/null 2>&1 || ip link delete "$BRIDGE-$n"
  rm -f "$DIR/node$n/docker.sock" "$DIR/node$n/dockerd.pid" "$DIR/node$n/dockerd.flags"
}

stop_registry() {
  local old
  if old=$(our_pid "$DIR/registry/pid" docker-registry); then
    kill "$old" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$old" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$DIR/registry"
}

down() {
  for n in "${NODES[@]}"; do stop_node "$n" & done
  stop_registry &
  wait
  ! ip link show "$BRIDGE" >/dev/null 2>&1 || ip link delete "$BRIDGE"
}

# The flags node N's dockerd runs with.
node_flags() {
  local n=$1 d="$DIR/node$1"
  echo --host "unix://$d/docker.sock" --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/dockerd.pid" \
    --cgroup-parent "$PREFIX-swarm$n" --containerd-namespace "$PREFIX-swarm$n" \
    --containerd-plugins-namespace "$PREFIX-swarm$n-plugins" --init-path /usr/bin/docker-init --bridge none --ip6tables=false \
    --insecure-registry "$REGISTRY"
}

# The swarm runs as this script would start it: each node answers with the flags it would be given and holds the
# image, and the manager sees three ready nodes.
running() {
  local n
  for n in "${NODES[@]}"; do
    answers "unix://$DIR/node$n/docker.sock" || return 1
    [ "$(cat "$DIR/node$n/dockerd.flags" 2>/dev/null)" = "$ROOT $(node_flags "$n")" ] || return 1
    node_cli "$n" image inspect "$IMAGE" >/dev/null 2>&1 || return 1
  done
  [ "$(node_cli 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$')" = 3 ]
}

start_node() {
  local n=$1 d="$DIR/node$1" ns="$PREFIX-swarm$1"
  trap - ERR INT TERM
  mkdir -p "$d"
  ip netns add "$ns"
  ip link add "$BRIDGE-$n" type veth peer name eth0 netns "$ns"
  ip link set "$BRIDGE-$n" master "$BRIDGE" up
  ip -n "$ns" addr add "$NET.1$n/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  # nsenter, not `ip netns exec`, which remounts /sys and hides the cgroup mounts from dockerd.
  # shellcheck disable=SC2046
  PATH="$ROOT/usr/bin:$ROOT/usr/sbin:$PATH" nohup unshare --uts sh -c 'hostname "$0" && exec "$@"' "swarm-node$n" \
    nsenter --net="/run/netns/$ns" "$ROOT/usr/sbin/dockerd" $(node_flags "$n") >"$d/dockerd.log" 2>&1 &
  # The pid of dockerd itself (unshare, sh and nsenter exec it), known before dockerd writes its pidfile.
  echo $! >"$d/launch.pid"
  echo "$ROOT $(node_flags "$n")" >"$d/dockerd.flags"
  local deadline=$((SECONDS + 60))
  until PROBE_TIMEOUT=3 answers "unix://$d/docker.sock"; do
    [ $SECONDS -lt $deadline ] || { echo "swarm.sh: node$n did not come up in 60 s; see $d/dockerd.log" >&2; tail -20 "$d/dockerd.log" >&2; return 1; }
    sleep 0.5
  done
  DOCKER_CONFIG="$ENV_DIR/cli" "$DOCKER_CLI" -H "unix://$ENV_DIR/docker.sock" save "$IMAGE" | node_cli "$n" load >/dev/null
}

# The start failed or was interrupted: its jobs stop, and what it made goes.
abandon() {
  trap - ERR INT TERM
  echo "swarm.sh: start failed or interrupted; removing the swarm" >&2
  jobs -p | xargs -r kill 2>/dev/null || true
  wait || true
  down
  exit 1
}

up() {
  [ -s "$ENV_DIR/registry/htpasswd" ] || { echo "swarm.sh: $ENV_DIR/registry/htpasswd is missing; up.sh makes it" >&2; exit 1; }
  if ! running; then start_swarm; fi
  start_registry swarm "$REGISTRY" no yes "$DIR/registry"
}

start_swarm() {
  echo "swarm.sh: starting a swarm of ${#NODES[@]} nodes on $BRIDGE ($NET.0/24), sockets $DIR/node*/docker.sock" >&2
  # Whatever is left of an earlier swarm goes, and so does this one if its start fails or is interrupted.
  down
  trap abandon ERR INT TERM
  ip link add "$BRIDGE" type bridge
  ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  local pids=() n
  for n in "${NODES[@]}"; do start_node "$n" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
  node_cli 1 swarm init --advertise-addr "$NET.11" --listen-addr "$NET.11:2377" --default-addr-pool "$POOL" >/dev/null
  local token; token=$(node_cli 1 swarm join-token -q worker)
  pids=()
  for n in "${NODES[@]:1}"; do
    node_cli "$n" swarm join --token "$token" --advertise-addr "$NET.1$n" "$NET.11:2377" >/dev/null & pids+=($!)
  done
  # A join the engine did not finish within its 20 s (a loaded machine) goes on in the background: the wait for three
  # ready nodes below decides.
  for pid in "${pids[@]}"; do wait "$pid" || echo "swarm.sh: a join did not finish at once; waiting for the nodes" >&2; done
  local deadline=$((SECONDS + 60))
  until [ "$(node_cli 1 node ls --format '{{.Status}}' | grep -c '^Ready$')" = 3 ]; do
    [ $SECONDS -lt $deadline ] || { echo "swarm.sh: the nodes are not all ready after 60 s" >&2; node_cli 1 node ls >&2; false; }
    sleep 0.5
  done
  trap - ERR INT TERM
}

# What the tests read (up.sh adds it to env.sh): the nodes' sockets and addresses, the manager's first, and the registry.
settings() {
  local hosts=() addresses=() n
  for n in "${NODES[@]}"; do hosts+=("unix://$DIR/node$n/docker.sock"); addresses+=("$NET.1$n"); done
  mkdir -p "$DIR"
  { echo "export DOCKERPS_TEST_SWARM_HOSTS=$(IFS=,; echo "${hosts[*]}")"
    echo "export DOCKERPS_TEST_SWARM_ADDRESSES=$(IFS=,; echo "${addresses[*]}")"
    echo "export DOCKERPS_TEST_SWARM_REGISTRY=$REGISTRY"
  } >"$DIR/env.sh"
}

case "${1:-up}" in
  up) up; settings ;;
  down) down ;;
  *) echo "usage: swarm.sh [up [ROOT]] | down" >&2; exit 2 ;;
esac
