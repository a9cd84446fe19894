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
# start_registry NAME HOST:PORT TLS(yes|no) LOGIN(yes|no) [DIR]: (re)starts one image registry (distribution's
# docker-registry) unless it answers /v2/ already, its config, storage, pid and log in DIR ($ENV_DIR/registry/NAME by
# default); the login and TLS material are up.sh's, in $ENV_DIR/registry.
start_registry() {
  local name=$1 address=$2 tls=$3 login=$4 dir=${5:-$ENV_DIR/registry/$1} shared="$ENV_DIR/registry" scheme=http answer=200
  [ "$tls" = yes ] && scheme=https
  [ "$login" = yes ] && answer=401
  registry_answers() { [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' --cacert "$shared/ca.crt" "$scheme://$address/v2/")" = "$answer" ]; }
  registry_answers && return 0
  echo "$(basename "$0"): starting registry $name on $scheme://$address" >&2
  mkdir -p "$dir/data"
  local old; if old=$(our_pid "$dir/pid" docker-registry); then kill "$old" 2>/dev/null || true; sleep 0.5; fi
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}"
    [ "$login" = yes ] && echo "auth: {htpasswd: {realm: dockerps-$name, path: $shared/htpasswd}}"
    echo "http:"
    echo "  addr: $address"
    echo "  secret: dockerps-test-$name"
    [ "$tls" = yes ] && echo "  tls: {certificate: $shared/server.crt, key: $shared/server.key}"
  } >"$dir/config.yml"
  nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 40); do registry_answers && return 0; sleep 0.25; done
  echo "$(basename "$0"): registry $name did not come up; see $dir/registry.log" >&2; tail -20 "$dir/registry.log" >&2; return 1
}
