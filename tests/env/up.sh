#!/usr/bin/env bash
# Brings up the test environment, idempotently: installs the Debian packages, starts a private dockerd
# (own socket, data-root and exec-root under $DOCKERPS_ENV; the machine's default engine state is never
# touched) and creates the busybox base image by `docker import`. Prints the variables the tests read.
set -euo pipefail

ENV_DIR="${DOCKERPS_ENV:-/tmp/dockerps-env}"
SOCK="$ENV_DIR/docker.sock"
IMAGE="dockerps-test/busybox:latest"
mkdir -p "$ENV_DIR"

need_pkgs=()
command -v dockerd >/dev/null || need_pkgs+=(docker.io)
[ -x /bin/busybox ] || need_pkgs+=(busybox-static)
command -v iptables >/dev/null || need_pkgs+=(iptables)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "up.sh: installing ${need_pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# Debian's docker.io client speaks the engine's own API version; a newer CLI on PATH negotiates down.
DOCKER="docker -H unix://$SOCK"
engine_answers() { timeout 10 $DOCKER version >/dev/null 2>&1; }

if ! engine_answers; then
  echo "up.sh: starting dockerd on $SOCK" >&2
  # A dockerd left from an earlier run that no longer answers still holds the data root: stop it first.
  if [ -s "$ENV_DIR/dockerd.pid" ]; then
    old=$(cat "$ENV_DIR/dockerd.pid")
    kill "$old" 2>/dev/null && kill -CONT "$old" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$old" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$old" 2>/dev/null || true
  fi
  rm -f "$SOCK" "$ENV_DIR/dockerd.pid"
  # No default bridge and no iptables rules: the private engine must not touch the host's docker0
  # or NAT tables. Containers get no network unless a test creates one.
  nohup dockerd \
    --host "unix://$SOCK" \
    --data-root "$ENV_DIR/data" \
    --exec-root "$ENV_DIR/exec" \
    --pidfile "$ENV_DIR/dockerd.pid" \
    --bridge none --iptables=false --ip-masq=false \
    >"$ENV_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    engine_answers && break
    sleep 0.5
  done
  engine_answers || { echo "up.sh: dockerd did not come up; see $ENV_DIR/dockerd.log" >&2; tail -20 "$ENV_DIR/dockerd.log" >&2; exit 1; }
fi

if ! $DOCKER image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "up.sh: importing $IMAGE from busybox-static" >&2
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | $DOCKER import --change 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$rootfs"
fi

"$(dirname "$0")/sshd.sh"

cat >"$ENV_DIR/env.sh" <<ENVEOF
export DOCKERPS_TEST_DOCKER_HOST=unix://$SOCK
export DOCKERPS_TEST_IMAGE=$IMAGE
ENVEOF
echo "up.sh: engine unix://$SOCK ready; image $IMAGE" >&2
