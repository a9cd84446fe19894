# Helpers of the test environment's scripts (sourced by up.sh and swarm.sh), which set ENV_DIR, TLS and DOCKER_CLI.

# our_pid PIDFILE NAME: the pid in PIDFILE if that process is still the NAME we started (after the machine restarts,
# the number may be another process's).
our_pid() { local pid; pid=$(cat "$1" 2>/dev/null) && grep -qa "$2" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"; }
# answers HOST [TLS]: the engine answers /version within the probe time (one starting accepts and says nothing).
answers() {
  local tls=(); [ "${2:-}" = tls ] && tls=(--tlsverify --tlscacert "$TLS/client/ca.pem" --tlscert "$TLS/client/cert.pem" --tlskey "$TLS/client/key.pem")
  DOCKER_CONFIG="$ENV_DIR/cli" timeout "${PROBE_TIMEOUT:-10}" "$DOCKER_CLI" -H "$1" "${tls[@]}" version >/dev/null 2>&1
}
# stop_and_clear DIR PIDFILE NAME [CGROUP_PARENT]: stops the daemon of PIDFILE, then what a crashed one left running:
# its containerd, shims and conmons (started with paths under DIR) and their children, the containers' processes (and
# by their cgroups, those the daemon's cgroup parent holds), then its mounts and state. Each engine starts on an empty
# state, the tests' scratch space: on the state of one that died with its containers running, dockerd spends minutes
# removing each container's stale network sandbox before it answers.
stop_and_clear() {
  local dir=$1 pidfile=$2 name=$3 cgroup=${4:-} old
  if old=$(our_pid "$pidfile" "$name"); then
    kill "$old" 2>/dev/null && kill -CONT "$old" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$old" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$old" 2>/dev/null || true
  fi
  local ours="$dir/(exec|run|storage)/"
  pgrep -f "$ours" | xargs -r -n1 pkill -9 -P 2>/dev/null || true
  [ -z "$cgroup" ] || cat /sys/fs/cgroup/*/"$cgroup"/*/cgroup.procs 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  pkill -9 -f "$ours" 2>/dev/null || true
  findmnt -rn -o TARGET | grep -E "^$dir/(data|exec|storage|run)(/|$)" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$dir/data" "$dir/exec" "$dir/storage" "$dir/run" "$pidfile"
}
