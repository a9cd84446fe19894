#!/usr/bin/env bash
# B12's private engines (bench/README.md), started and stopped by the bench itself:
#   bench/engines.sh start N   N Docker 28 engines e1..eN, each loaded with the test image, one docker context per engine
#                              over its unix socket (eN) and one over ssh (sN), in $DOCKERPS_FANOUT (/tmp/dockerps-fanout)
#   bench/engines.sh stop      stops everything start made (by pid) and removes the folder
# Each dockerd runs in its own network namespace (dockerps-fanout-eN, loopback only) with --bridge none and no firewall
# rules: nothing an engine does reaches the host's network, and listing needs no network. Binaries, flags and state
# layout are those of tests/env/up.sh's start_dockerd (own socket, data and exec roots, pidfile, cgroup parent).
# SSH: one sshd of the bench's own, one port per engine (PORT_BASE+N), whose sessions reach that engine (Match LocalPort
# + SetEnv DOCKER_HOST) through `docker system dial-stdio`; a client HOME with keys, known_hosts and aliases fanout-eN;
# an ssh wrapper for the docker CLI (ssh reads ~ from the passwd entry, not $HOME); and per engine an `ssh -L`
# forward of its socket to ssh/eN.sock, the raw floor's way over ssh.
set -euo pipefail

DIR="${DOCKERPS_FANOUT:-/tmp/dockerps-fanout}"
ENV_DIR="${DOCKERPS_ENV:-/tmp/dockerps-env}"
ROOT="${DOCKERPS_CACHE:-/var/cache/dockerps}/forky/root"
PORT_BASE="${DOCKERPS_FANOUT_PORT_BASE:-22470}"
IMAGE="dockerps-test/busybox:latest"
CLI="$ROOT/usr/bin/docker"
SSH_HOME="$DIR/ssh/home"

# stop_pid PIDFILE: stops the process of PIDFILE and the children it had (dockerd's containerd, sshd's sessions).
stop_pid() {
  local pid children
  pid=$(cat "$1" 2>/dev/null) || return 0
  children=$(pgrep -P "$pid" || true)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  # shellcheck disable=SC2086
  kill -9 "$pid" $children 2>/dev/null || true
  rm -f "$1"
}

stop() {
  [ -d "$DIR" ] || return 0
  local f n
  for f in "$DIR"/ssh/*.pid "$DIR"/e*/dockerd.pid; do [ -e "$f" ] && stop_pid "$f" & done
  wait
  for n in "$DIR"/e*; do
    [ -d "$n" ] || continue
    findmnt -rn -o TARGET | grep -E "^$n/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    ip netns del "dockerps-fanout-$(basename "$n")" 2>/dev/null || true
  done
  rm -rf "$DIR"
}

# start_engine NAME: one dockerd in its own network namespace; waits (bounded) until it answers.
start_engine() {
  local name=$1 dir="$DIR/$1" ns="dockerps-fanout-$1"
  mkdir -p "$dir"
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  # nsenter, not `ip netns exec`, which remounts /sys and hides the cgroup mounts.
  PATH="$ROOT/usr/bin:$ROOT/usr/sbin:$PATH" nohup nsenter --net="/run/netns/$ns" "$ROOT/usr/sbin/dockerd" \
    --host "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    --cgroup-parent "dockerps-fanout-$name" --init-path /usr/bin/docker-init \
    --bridge none --iptables=false --ip6tables=false --ip-masq=false >"$dir/dockerd.log" 2>&1 &
  local deadline=$((SECONDS + 90))
  until timeout 3 "$CLI" -H "unix://$dir/docker.sock" version >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "engines.sh: $name did not come up; see $dir/dockerd.log" >&2; tail -5 "$dir/dockerd.log" >&2; return 1; }
    sleep 0.3
  done
  "$CLI" -H "unix://$dir/docker.sock" load -q -i "$DIR/image.tar" >/dev/null
}

start_ssh() {
  local n=$1 i ssh="$DIR/ssh"
  mkdir -p "$SSH_HOME/.ssh" "$ssh/bin" /run/sshd
  chmod 700 "$SSH_HOME/.ssh"
  ssh-keygen -q -t ed25519 -N '' -f "$ssh/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$SSH_HOME/.ssh/id_ed25519"
  cp "$SSH_HOME/.ssh/id_ed25519.pub" "$ssh/authorized_keys"
  {
    for i in $(seq 1 "$n"); do echo "ListenAddress 127.0.0.1:$((PORT_BASE + i))"; done
    echo "HostKey $ssh/host_key"
    echo "PidFile $ssh/sshd.pid"
    echo "AuthorizedKeysFile $ssh/authorized_keys"
    echo "StrictModes no"
    echo "UsePAM no"
    echo "PermitRootLogin prohibit-password"
    echo "PasswordAuthentication no"
    echo "KbdInteractiveAuthentication no"
    echo "AllowUsers root"
    for i in $(seq 1 "$n"); do
      echo "Match LocalPort $((PORT_BASE + i))"
      echo "  SetEnv DOCKER_HOST=unix://$DIR/e$i/docker.sock"
    done
  } >"$ssh/sshd_config"
  : >"$SSH_HOME/.ssh/known_hosts"
  for i in $(seq 1 "$n"); do
    echo "[127.0.0.1]:$((PORT_BASE + i)) $(cut -d' ' -f1,2 "$ssh/host_key.pub")" >>"$SSH_HOME/.ssh/known_hosts"
    printf 'Host fanout-e%s\n  HostName 127.0.0.1\n  Port %s\n  User root\n\n' "$i" "$((PORT_BASE + i))" >>"$SSH_HOME/.ssh/config"
  done
  printf '#!/bin/sh\nexec /usr/bin/ssh -F %s/config -i %s/id_ed25519 -o UserKnownHostsFile=%s/known_hosts "$@"\n' \
    "$SSH_HOME/.ssh" "$SSH_HOME/.ssh" "$SSH_HOME/.ssh" >"$ssh/bin/ssh"
  chmod +x "$ssh/bin/ssh"
  /usr/sbin/sshd -f "$ssh/sshd_config" -E "$ssh/sshd.log"
  for i in $(seq 1 "$n"); do
    nohup "$ssh/bin/ssh" -N -o BatchMode=yes -o ExitOnForwardFailure=yes -L "$ssh/e$i.sock:$DIR/e$i/docker.sock" "fanout-e$i" \
      >"$ssh/forward-e$i.log" 2>&1 &
    echo $! >"$ssh/forward-e$i.pid"
  done
  local deadline=$((SECONDS + 30))
  for i in $(seq 1 "$n"); do
    until [ -S "$ssh/e$i.sock" ]; do
      [ $SECONDS -lt $deadline ] || { echo "engines.sh: no ssh forward to e$i; see $ssh/forward-e$i.log $ssh/sshd.log" >&2; return 1; }
      sleep 0.2
    done
  done
}

start() {
  local n=$1 i
  [ "$n" -ge 1 ] && [ "$n" -le 8 ] || { echo "engines.sh: start 1..8 engines" >&2; return 1; }
  stop
  mkdir -p "$DIR/config"
  DOCKER_CONFIG="$ENV_DIR/cli" "$CLI" -H "unix://$ENV_DIR/docker.sock" save -o "$DIR/image.tar" "$IMAGE"
  for i in $(seq 1 "$n"); do start_engine "e$i" & done
  for i in $(seq 1 "$n"); do wait -n || return 1; done
  start_ssh "$n"
  for i in $(seq 1 "$n"); do
    DOCKER_CONFIG="$DIR/config" "$CLI" context create "e$i" --docker "host=unix://$DIR/e$i/docker.sock" >/dev/null 2>&1
    DOCKER_CONFIG="$DIR/config" "$CLI" context create "s$i" --docker "host=ssh://fanout-e$i" >/dev/null 2>&1
  done
}

case "${1:-}" in
  start) start "${2:-8}" || { stop; exit 1; } ;;
  stop) stop ;;
  *) echo "usage: bench/engines.sh start N | stop" >&2; exit 2 ;;
esac
