#!/usr/bin/env bash
# Brings up the test environment, idempotently: installs the Debian packages, makes TLS material with openssl,
# starts a private dockerd (own socket, data-root and exec-root under $DOCKERPS_ENV; the machine's default engine
# state is never touched) that also listens on tcp://127.0.0.1:2376 with TLS, and creates the busybox base image by
# `docker import`. Writes the variables the tests read (env.sh) and one file per remote endpoint leg (legs/*.env).
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

# TLS material, as `docker` expects it in a DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem):
#   tls/server: the engine's certificate (SAN 127.0.0.1 and localhost), signed by tls/ca
#   tls/client: a client certificate signed by tls/ca, with the CA (the tls leg's DOCKER_CERT_PATH)
#   tls/rogue-client: a client certificate signed by a second CA the engine does not trust, with the real CA
#   tls/untrusted: only the second CA, which did not sign the engine's certificate
TLS="$ENV_DIR/tls"
TLS_PORT=2376
make_tls() {
  local tmp; tmp=$(mktemp -d)
  cd "$tmp"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 3650 -subj "/CN=DockerPS test CA" 2>/dev/null
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout rogue-ca-key.pem -out rogue-ca.pem -days 3650 -subj "/CN=DockerPS rogue CA" 2>/dev/null
  sign() { # name ca subject extensions
    openssl req -new -key "$1-key.pem" -out "$1.csr" -subj "$3" 2>/dev/null
    printf '%s\n' "$4" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -days 3650 -extfile "$1.ext" -out "$1-cert.pem" 2>/dev/null
  }
  openssl genrsa -out server-key.pem 2048 2>/dev/null
  sign server ca "/CN=localhost" "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
  # PKCS#1 RSA for the client (what `openssl genrsa -traditional` and the docker docs make), EC PKCS#8 for the rogue one.
  openssl genrsa -traditional -out client-key.pem 2048 2>/dev/null
  sign client ca "/CN=dockerps-client" "extendedKeyUsage=clientAuth"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out rogue-key.pem 2>/dev/null
  sign rogue rogue-ca "/CN=dockerps-rogue" "extendedKeyUsage=clientAuth"
  mkdir -p next/server next/client next/rogue-client next/untrusted
  cp ca.pem next/server/ca.pem; cp server-cert.pem next/server/cert.pem; cp server-key.pem next/server/key.pem
  cp ca.pem next/client/ca.pem; cp client-cert.pem next/client/cert.pem; cp client-key.pem next/client/key.pem
  cp ca.pem next/rogue-client/ca.pem; cp rogue-cert.pem next/rogue-client/cert.pem; cp rogue-key.pem next/rogue-client/key.pem
  cp rogue-ca.pem next/untrusted/ca.pem
  chmod -R go-rwx next
  rm -rf "$TLS"; mv next "$TLS"
  cd / && rm -rf "$tmp"
}
if [ ! -s "$TLS/untrusted/ca.pem" ]; then
  echo "up.sh: making TLS certificates in $TLS" >&2
  (make_tls)
fi
TCP_FLAGS=(--host "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$TLS/server/ca.pem" --tlscert "$TLS/server/cert.pem" --tlskey "$TLS/server/key.pem")

# Debian's docker.io client speaks the engine's own API version; a newer CLI on PATH negotiates down.
DOCKER="docker -H unix://$SOCK"
# our_pid PIDFILE NAME: the pid in PIDFILE if that process is still the NAME we started (after the machine restarts,
# the number may be another process's).
our_pid() { local pid; pid=$(cat "$1" 2>/dev/null) && grep -qa "$2" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"; }
engine_answers() { timeout "${PROBE_TIMEOUT:-10}" $DOCKER version >/dev/null 2>&1; }

# A dockerd started before the TLS listener was added answers on the socket but not on 2376, and one started before the
# certificates were remade serves the old ones: restart it with the full flags (its running containers stop; they are
# other test runs' and are cleaned up by them or left exited).
tls_answers() {
  timeout "${PROBE_TIMEOUT:-10}" docker -H "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$TLS/client/ca.pem" \
    --tlscert "$TLS/client/cert.pem" --tlskey "$TLS/client/key.pem" version >/dev/null 2>&1
}
# No default bridge and no iptables rules: the private engine must not touch the host's docker0 or NAT tables;
# containers get no network unless a test creates one. Networks come from a pool of 256 /24s (the default 31 run out
# when test runs overlap). A dockerd started with other flags is restarted with these.
DAEMON_FLAGS=(--host "unix://$SOCK" "${TCP_FLAGS[@]}" --data-root "$ENV_DIR/data" --exec-root "$ENV_DIR/exec"
  --pidfile "$ENV_DIR/dockerd.pid" --bridge none --iptables=false --ip-masq=false
  --default-address-pool base=10.213.0.0/16,size=24)
flags_current() { [ "$(cat "$ENV_DIR/dockerd.flags" 2>/dev/null)" = "${DAEMON_FLAGS[*]}" ]; }
if ! engine_answers || ! tls_answers || ! flags_current; then
  echo "up.sh: starting dockerd on $SOCK and tcp://127.0.0.1:$TLS_PORT (TLS)" >&2
  # A dockerd left from an earlier run that no longer answers still holds the data root: stop it first.
  if old=$(our_pid "$ENV_DIR/dockerd.pid" dockerd); then
    kill "$old" 2>/dev/null && kill -CONT "$old" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$old" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$old" 2>/dev/null || true
  fi
  # The engine's state is the tests' scratch space, so each dockerd starts on an empty one. On the state of one that
  # died with its containers running (the machine stopped under it), dockerd spends minutes removing each container's
  # stale network sandbox before it answers: CI once gave up after 10 minutes of that. What a dockerd that crashed
  # leaves running goes first: its containers' processes (by their cgroups), its containerd and shims (started with our
  # exec root), its mounts.
  for id in $(ls "$ENV_DIR/data/containers" 2>/dev/null); do
    cat "/sys/fs/cgroup/pids/docker/$id/cgroup.procs" "/sys/fs/cgroup/docker/$id/cgroup.procs" 2>/dev/null || true
  done | xargs -r kill -9 2>/dev/null || true
  pkill -9 -f "$ENV_DIR/exec/containerd" 2>/dev/null || true
  findmnt -rn -o TARGET | grep -E "^($ENV_DIR/data|$ENV_DIR/exec)(/|$)" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$ENV_DIR/data" "$ENV_DIR/exec" "$SOCK" "$ENV_DIR/dockerd.pid"
  nohup dockerd "${DAEMON_FLAGS[@]}" >"$ENV_DIR/dockerd.log" 2>&1 &
  echo "${DAEMON_FLAGS[*]}" >"$ENV_DIR/dockerd.flags"
  # Probes are short (an engine still starting accepts on its socket and answers nothing) and the wait is bounded.
  deadline=$((SECONDS + 120))
  until PROBE_TIMEOUT=3 engine_answers && PROBE_TIMEOUT=3 tls_answers; do
    [ $SECONDS -lt $deadline ] || { echo "up.sh: dockerd did not come up in 120 s; see $ENV_DIR/dockerd.log" >&2; tail -20 "$ENV_DIR/dockerd.log" >&2; exit 1; }
    sleep 0.5
  done
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
  local old; if old=$(our_pid "$dir/pid" docker-registry); then kill "$old" 2>/dev/null || true; sleep 0.5; fi
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

"$(dirname "$0")/sshd.sh"
"$(dirname "$0")/pwsh.sh"

cat >"$ENV_DIR/env.sh" <<ENVEOF
export DOCKERPS_TEST_DOCKER_HOST=unix://$SOCK
export DOCKERPS_TEST_IMAGE=$IMAGE
export DOCKERPS_TEST_REGISTRY=127.0.0.1:5100
export DOCKERPS_TEST_REGISTRY_TLS=127.0.0.1:5143
export DOCKERPS_TEST_REGISTRY_USER=$REG_USER
export DOCKERPS_TEST_REGISTRY_PASSWORD=$REG_PASSWORD
ENVEOF
# The endpoint legs: tests/run.sh runs the remote scenarios once more per file, with these variables for the module.
mkdir -p "$ENV_DIR/legs"
cat >"$ENV_DIR/legs/tls.env" <<ENVEOF
DOCKER_HOST=tcp://127.0.0.1:$TLS_PORT
DOCKER_TLS_VERIFY=1
DOCKER_CERT_PATH=$TLS/client
ENVEOF
echo "up.sh: engine unix://$SOCK ready; image $IMAGE; registries 127.0.0.1:5100 (http), 127.0.0.1:5143 (tls)" >&2
