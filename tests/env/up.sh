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
command -v docker-registry >/dev/null || need_pkgs+=(docker-registry)
command -v htpasswd >/dev/null || need_pkgs+=(apache2-utils)
command -v openssl >/dev/null || need_pkgs+=(openssl)
command -v curl >/dev/null || need_pkgs+=(curl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "up.sh: installing ${need_pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
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

# Two image registries (distribution 2.8) with htpasswd basic auth, run from our own config files (not the
# Debian service on :5000): A on plain HTTP 127.0.0.1:5100, B on TLS 127.0.0.1:5143 with a CA made here that
# the engine trusts through certs.d. The password is generated once per environment.
REG_DIR="$ENV_DIR/registry"
REG_USER=dpsuser
mkdir -p "$REG_DIR"
[ -s "$REG_DIR/password" ] || openssl rand -hex 16 >"$REG_DIR/password"
REG_PASSWORD=$(cat "$REG_DIR/password")
htpasswd -Bbn "$REG_USER" "$REG_PASSWORD" >"$REG_DIR/htpasswd"
if [ ! -s "$REG_DIR/server.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=DockerPS test CA" \
    -keyout "$REG_DIR/ca.key" -out "$REG_DIR/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$REG_DIR/server.key" -out "$REG_DIR/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$REG_DIR/server.ext"
  openssl x509 -req -in "$REG_DIR/server.csr" -CA "$REG_DIR/ca.crt" -CAkey "$REG_DIR/ca.key" -CAcreateserial \
    -days 3650 -extfile "$REG_DIR/server.ext" -out "$REG_DIR/server.crt" 2>/dev/null
fi
mkdir -p /etc/docker/certs.d/127.0.0.1:5143
cp "$REG_DIR/ca.crt" /etc/docker/certs.d/127.0.0.1:5143/ca.crt

# start_registry NAME PORT TLS(yes|no): (re)starts one registry unless it answers /v2/ already.
start_registry() {
  local name=$1 port=$2 tls=$3 dir="$REG_DIR/$1" scheme=http
  [ "$tls" = yes ] && scheme=https
  registry_answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$REG_DIR/ca.crt" "$scheme://127.0.0.1:$port/v2/")" = 401 ]; }
  registry_answers && return 0
  echo "up.sh: starting registry $name on $scheme://127.0.0.1:$port" >&2
  mkdir -p "$dir/data"
  if [ -s "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; sleep 0.5; fi
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}"
    echo "auth: {htpasswd: {realm: dockerps-$name, path: $REG_DIR/htpasswd}}"
    echo "http:"
    echo "  addr: 127.0.0.1:$port"
    echo "  secret: dockerps-test-$name"
    [ "$tls" = yes ] && echo "  tls: {certificate: $REG_DIR/server.crt, key: $REG_DIR/server.key}"
  } >"$dir/config.yml"
  nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 40); do registry_answers && return 0; sleep 0.25; done
  echo "up.sh: registry $name did not come up; see $dir/registry.log" >&2; tail -20 "$dir/registry.log" >&2; exit 1
}
start_registry a 5100 no
start_registry b 5143 yes

cat >"$ENV_DIR/env.sh" <<ENVEOF
export DOCKERPS_TEST_DOCKER_HOST=unix://$SOCK
export DOCKERPS_TEST_IMAGE=$IMAGE
export DOCKERPS_TEST_REGISTRY=127.0.0.1:5100
export DOCKERPS_TEST_REGISTRY_TLS=127.0.0.1:5143
export DOCKERPS_TEST_REGISTRY_USER=$REG_USER
export DOCKERPS_TEST_REGISTRY_PASSWORD=$REG_PASSWORD
ENVEOF
echo "up.sh: engine unix://$SOCK ready; image $IMAGE; registries 127.0.0.1:5100 (http), 127.0.0.1:5143 (tls)" >&2
