#!/usr/bin/env bash
# Brings up the test environment, idempotently. Engines, each a private daemon (own socket, data root, exec root,
# pidfile, containerd and cgroup parent under $DOCKERPS_ENV; the machine's default engine state is never touched):
#   main      Docker 28.5.2 (Debian forky's docker.io, containerd 2.1, docker-cli), unix://$DOCKERPS_ENV/docker.sock and
#             TLS on 127.0.0.1:$DOCKERPS_TLS_PORT, with a default bridge of its own (see BRIDGE below)
#   docker26  Docker 26.1.5 (trixie's docker.io, containerd 1.7), $DOCKERPS_ENV/docker26/docker.sock, TLS port 2386
#   docker20  Docker 20.10 (bookworm's docker.io, installed), $DOCKERPS_ENV/docker20/docker.sock, TLS port 2396
#   podman    Podman 4.3 (bookworm's podman), `podman system service` on $DOCKERPS_ENV/podman/podman.sock, run inside a
#             network namespace made here so its netavark firewall rules and bridges never reach the host's network
# The newer engines and Podman are fetched with a private apt configuration (own sources list naming the system's
# Debian mirror, own lists and archives) into $DOCKERPS_CACHE and unpacked there (dpkg -x): the system's apt sources
# and packages stay as they are. Their runc needs a newer glibc, so they use bookworm's /usr/sbin/runc.
# Also: TLS material, the busybox base image on every engine, a three-node swarm (swarm.sh), two registries, sshd
# (sshd.sh). Writes env.sh and one file per leg, legs/<leg>.env (tests/legs.psd1 says what each leg runs).
# Every port and folder can be moved (DOCKERPS_* below) to run a second environment beside the default one.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/env/common.sh
. "$HERE/common.sh"
# The daemons started here outlive the checkout they were started from (a CI clone is removed and cloned again): they
# run from /, not from a folder that may go (Podman's conmon then fails: "Failed to get working directory").
cd /
ENV_DIR="${DOCKERPS_ENV:-/tmp/dockerps-env}"
CACHE="${DOCKERPS_CACHE:-/var/cache/dockerps}"
TLS_PORT="${DOCKERPS_TLS_PORT:-2376}"
TLS_PORT_26="${DOCKERPS_TLS_PORT_26:-2386}"
TLS_PORT_20="${DOCKERPS_TLS_PORT_20:-2396}"
REGISTRY_PORT="${DOCKERPS_REGISTRY_PORT:-5100}"
REGISTRY_TLS_PORT="${DOCKERPS_REGISTRY_TLS_PORT:-5143}"
REGISTRY_OPEN_PORT="${DOCKERPS_REGISTRY_OPEN_PORT:-5101}"
# The main engine's default bridge: a bridge of our own (not docker0) with its own subnet. dockerd runs with
# --iptables=false, so no engine adds firewall or NAT rules to the host: containers on it reach each other, not the
# outside, and ports published to 127.0.0.1 are served by docker-proxy on loopback. Networks the tests create come
# from each engine's own pool of /24s (the default 31 run out when test runs overlap); the pools do not overlap.
BRIDGE="${DOCKERPS_BRIDGE:-dps-br0}"
BRIDGE_CIDR="${DOCKERPS_BRIDGE_CIDR:-10.214.0.1/24}"
POOL="${DOCKERPS_POOL:-10.215.0.0/16}"
POOL_26="${DOCKERPS_POOL_26:-10.216.0.0/16}"
POOL_20="${DOCKERPS_POOL_20:-10.213.0.0/16}"
NETNS="${DOCKERPS_NETNS:-dockerps-podman}"
IMAGE="dockerps-test/busybox:latest"
SOCK="$ENV_DIR/docker.sock"
mkdir -p "$ENV_DIR" "$CACHE"
# Cgroup parents tell this environment's containers from another's on the same machine.
CGROUP_PREFIX=$(basename "$ENV_DIR" | tr -c 'a-zA-Z0-9_\n-' '-')

need_pkgs=()
command -v dockerd >/dev/null || need_pkgs+=(docker.io)
[ -x /bin/busybox ] || need_pkgs+=(busybox-static)
command -v iptables >/dev/null || need_pkgs+=(iptables)
command -v docker-registry >/dev/null || need_pkgs+=(docker-registry)
command -v htpasswd >/dev/null || need_pkgs+=(apache2-utils)
command -v openssl >/dev/null || need_pkgs+=(openssl)
command -v curl >/dev/null || need_pkgs+=(curl)
command -v ip >/dev/null || need_pkgs+=(iproute2)
command -v nsenter >/dev/null || need_pkgs+=(util-linux)
# tests/Pester/Terminal.py drives interactive sessions on a pseudo-terminal.
command -v python3 >/dev/null || need_pkgs+=(python3)
# The build tests serve git repositories they make to the engines, which clone them with the git on this machine.
command -v git >/dev/null || need_pkgs+=(git)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "up.sh: installing ${need_pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# fetch SUITE PACKAGE=VERSION-PREFIX...: the packages' files from Debian suite SUITE, unpacked into $CACHE/SUITE/root
# (printed). A private apt configuration: own sources list with the system's mirror, own lists, caches and archives.
# Downloads once: a stamp names what the root holds, and archives already fetched are not fetched again.
MIRROR=$(grep -hoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | tr -d ' ' || true)
fetch() {
  local suite=$1; shift
  local dir="$CACHE/$suite"
  if [ "$(cat "$dir/root.stamp" 2>/dev/null)" = "$*" ]; then echo "$dir/root"; return 0; fi
  echo "up.sh: fetching $* from Debian $suite into $dir" >&2
  [ -n "$MIRROR" ] || { echo "up.sh: no Debian mirror in /etc/apt/sources.list*" >&2; return 1; }
  mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/cache" "$dir/sources.list.d"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${MIRROR%/} $suite main" >"$dir/sources.list"
  local apt=(-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts="$dir/sources.list.d"
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o Dir::Cache::Archives="$dir/archives"
    -o Acquire::Languages=none -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o APT::Sandbox::User=root)
  local spec name prefix version debs=() updated=false
  for spec in "$@"; do
    name=${spec%%=*}; prefix=${spec#*=}
    # An archive fetched earlier that still matches the version asked for is used as it is.
    version=$(cd "$dir/archives" && ls "${name}_${prefix//:/%3a}"*.deb 2>/dev/null | sort -V | tail -1)
    if [ -z "$version" ]; then
      $updated || { apt-get "${apt[@]}" -qq update >/dev/null; updated=true; }
      version=$(apt-cache "${apt[@]}" madison "$name" | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -E "^${prefix//./\\.}" | sort -V | tail -1)
      [ -n "$version" ] || { echo "up.sh: Debian $suite no longer has $name $prefix*" >&2; return 1; }
      (cd "$dir/archives" && apt-get "${apt[@]}" -qq download "$name=$version" >/dev/null)
      version=$(cd "$dir/archives" && ls "${name}_${version//:/%3a}_"*.deb)
    fi
    debs+=("$dir/archives/$version")
  done
  rm -rf "$dir/root"
  mkdir -p "$dir/root"
  for deb in "${debs[@]}"; do dpkg -x "$deb" "$dir/root"; done
  echo "$*" >"$dir/root.stamp"
  echo "$dir/root"
}
ROOT_28=$(fetch forky docker.io=28.5.2 containerd=2.1 docker-cli=28.5.2 docker-compose=2.40)
ROOT_26=$(fetch trixie docker.io=26.1.5 containerd=1.7)
# Podman from bookworm, unpacked too (not installed: its packages would bring a system-wide container stack); its
# libraries are found through LD_LIBRARY_PATH, which conmon passes on to the podman it runs when a container exits.
ROOT_PODMAN=$(fetch bookworm podman=4.3 conmon=2.1 netavark=1.4 aardvark-dns=1.4 golang-github-containers-common=0.50 \
  golang-github-containers-image=5.23 libgpgme11=1.18 libsubid4=1: libdevmapper1.02.1=2:)
# The harness's and this script's docker CLI: forky's, which negotiates down to every engine here.
DOCKER_CLI="$ROOT_28/usr/bin/docker"
# The compose CLI the compose tests check DockerPS against, run standalone (docker-compose config/up/ps/down).
COMPOSE_CLI="$ROOT_28/usr/libexec/docker/cli-plugins/docker-compose"

# TLS material, as `docker` expects it in a DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem):
#   tls/server: the engines' certificate (SAN 127.0.0.1 and localhost), signed by tls/ca
#   tls/client: a client certificate signed by tls/ca, with the CA (the tls leg's DOCKER_CERT_PATH)
#   tls/rogue-client: a client certificate signed by a second CA the engine does not trust, with the real CA
#   tls/untrusted: only the second CA, which did not sign the engine's certificate
TLS="$ENV_DIR/tls"
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

# start_dockerd NAME DIR ROOT TLS_PORT FLAGS...: (re)starts one private dockerd with its socket, data root, exec root,
# pidfile and log in DIR, binaries from ROOT (its containerd and shim come first on PATH; runc and docker-init are
# bookworm's), TLS on 127.0.0.1:TLS_PORT and its own cgroup parent. A dockerd started with other flags, or one that no
# longer answers on both listeners, is restarted (its running containers stop: they are other test runs'). The wait
# is bounded, with short probes.
start_dockerd() {
  local name=$1 dir=$2 root=$3 port=$4; shift 4
  local flags=(--host "unix://$dir/docker.sock" --host "tcp://127.0.0.1:$port" --tlsverify --tlscacert "$TLS/server/ca.pem"
    --tlscert "$TLS/server/cert.pem" --tlskey "$TLS/server/key.pem" --data-root "$dir/data" --exec-root "$dir/exec"
    --pidfile "$dir/dockerd.pid" --cgroup-parent "$CGROUP_PREFIX-$name" --init-path /usr/bin/docker-init "$@")
  local dockerd="$root/usr/sbin/dockerd" path="$root/usr/bin:$root/usr/sbin:$PATH"
  [ "$root" = / ] && dockerd=/usr/sbin/dockerd path=$PATH
  mkdir -p "$dir"
  if answers "unix://$dir/docker.sock" && answers "tcp://127.0.0.1:$port" tls \
    && [ "$(cat "$dir/dockerd.flags" 2>/dev/null)" = "$dockerd ${flags[*]}" ]; then
    return 0
  fi
  echo "up.sh: starting $name ($dockerd) on unix://$dir/docker.sock and tcp://127.0.0.1:$port (TLS)" >&2
  stop_and_clear "$dir" "$dir/dockerd.pid" dockerd "$CGROUP_PREFIX-$name"
  rm -f "$dir/docker.sock"
  PATH=$path nohup "$dockerd" "${flags[@]}" >"$dir/dockerd.log" 2>&1 &
  echo "$dockerd ${flags[*]}" >"$dir/dockerd.flags"
  local deadline=$((SECONDS + 120))
  until PROBE_TIMEOUT=3 answers "unix://$dir/docker.sock" && PROBE_TIMEOUT=3 answers "tcp://127.0.0.1:$port" tls; do
    [ $SECONDS -lt $deadline ] || { echo "up.sh: $name did not come up in 120 s; see $dir/dockerd.log" >&2; tail -20 "$dir/dockerd.log" >&2; exit 1; }
    sleep 0.5
  done
}

# The main engine's bridge, made here because dockerd given --bridge uses an existing one (and never docker0).
if ! ip -br addr show dev "$BRIDGE" 2>/dev/null | grep -qF "${BRIDGE_CIDR}"; then
  ip link add "$BRIDGE" type bridge 2>/dev/null || true
  ip addr flush dev "$BRIDGE"
  ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
fi
ip link set "$BRIDGE" up
NO_FIREWALL=(--iptables=false --ip6tables=false --ip-masq=false)
start_dockerd main "$ENV_DIR" "$ROOT_28" "$TLS_PORT" --bridge "$BRIDGE" "${NO_FIREWALL[@]}" --default-address-pool "base=$POOL,size=24"
# The older engines run as they always have here: no default bridge (--bridge none).
start_dockerd docker26 "$ENV_DIR/docker26" "$ROOT_26" "$TLS_PORT_26" --bridge none "${NO_FIREWALL[@]}" --default-address-pool "base=$POOL_26,size=24"
start_dockerd docker20 "$ENV_DIR/docker20" / "$TLS_PORT_20" --bridge none --iptables=false --ip-masq=false --default-address-pool "base=$POOL_20,size=24"

# Podman: its own configuration (containers.conf, storage.conf, registries.conf), storage and run folders under
# $ENV_DIR/podman, its service started in the network namespace $NETNS (loopback only). It needs `default_ulimits = []`
# on this machine (found when Podman was first tried here), and runc: bookworm's crun needs libyajl, which is not
# installed.
POD="$ENV_DIR/podman"
POD_LIBS="$ROOT_PODMAN/usr/lib/x86_64-linux-gnu:$ROOT_PODMAN/lib/x86_64-linux-gnu"
mkdir -p "$POD/home"
# Podman run as root reads its image signature policy (commit, load, pull) from /etc/containers only: the package's
# default policy goes there when the machine has none.
[ -e /etc/containers/policy.json ] || install -D -m 644 "$ROOT_PODMAN/etc/containers/policy.json" /etc/containers/policy.json
cat >"$POD/containers.conf" <<EOF
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$POD/events.log"
runtime = "runc"
conmon_path = ["$ROOT_PODMAN/usr/bin/conmon"]
conmon_env_vars = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LD_LIBRARY_PATH=$POD_LIBS", "CONTAINERS_CONF=$POD/containers.conf", "CONTAINERS_STORAGE_CONF=$POD/storage.conf", "CONTAINERS_REGISTRIES_CONF=$POD/registries.conf", "HOME=$POD/home"]
helper_binaries_dir = ["$ROOT_PODMAN/usr/lib/podman"]
static_dir = "$POD/storage/libpod"
tmp_dir = "$POD/run/libpod"
volume_path = "$POD/storage/volumes"
[engine.runtimes]
runc = ["/usr/sbin/runc"]
[network]
network_backend = "netavark"
network_config_dir = "$POD/networks"
EOF
cat >"$POD/storage.conf" <<EOF
[storage]
driver = "overlay"
runroot = "$POD/run"
graphroot = "$POD/storage"
EOF
cat >"$POD/registries.conf" <<EOF
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
EOF
POD_ENV=(CONTAINERS_CONF="$POD/containers.conf" CONTAINERS_STORAGE_CONF="$POD/storage.conf"
  CONTAINERS_REGISTRIES_CONF="$POD/registries.conf" HOME="$POD/home" LD_LIBRARY_PATH="$POD_LIBS")
POD_FLAGS="$ROOT_PODMAN ${POD_ENV[*]}"
if ! answers "unix://$POD/podman.sock" || [ "$(cat "$POD/service.flags" 2>/dev/null)" != "$POD_FLAGS" ]; then
  echo "up.sh: starting podman in network namespace $NETNS on unix://$POD/podman.sock" >&2
  stop_and_clear "$POD" "$POD/service.pid" podman
  rm -rf "$POD/networks" "$POD/podman.sock"
  [ -e "/run/netns/$NETNS" ] || ip netns add "$NETNS"
  ip netns exec "$NETNS" ip link set lo up
  # nsenter, not `ip netns exec`, which remounts /sys and hides the cgroup mounts.
  env "${POD_ENV[@]}" nohup nsenter --net="/run/netns/$NETNS" "$ROOT_PODMAN/usr/bin/podman" system service --time 0 \
    "unix://$POD/podman.sock" >"$POD/service.log" 2>&1 &
  echo $! >"$POD/service.pid"
  echo "$POD_FLAGS" >"$POD/service.flags"
  deadline=$((SECONDS + 60))
  until PROBE_TIMEOUT=3 answers "unix://$POD/podman.sock"; do
    [ $SECONDS -lt $deadline ] || { echo "up.sh: podman did not come up in 60 s; see $POD/service.log" >&2; tail -20 "$POD/service.log" >&2; exit 1; }
    sleep 0.5
  done
fi

# The base image, imported from busybox-static's root filesystem into the main engine and copied to the others
# (docker save | docker load keeps its id). Podman names a loaded image localhost/…: it gets the docker.io name
# Docker engines give it, and loses the other.
main_cli() { DOCKER_CONFIG="$ENV_DIR/cli" "$DOCKER_CLI" -H "unix://$SOCK" "$@"; }
if ! main_cli image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "up.sh: importing $IMAGE from busybox-static" >&2
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | main_cli import --change 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$rootfs"
fi
for host in "unix://$ENV_DIR/docker26/docker.sock" "unix://$ENV_DIR/docker20/docker.sock" "unix://$POD/podman.sock"; do
  cli() { DOCKER_CONFIG="$ENV_DIR/cli" "$DOCKER_CLI" -H "$host" "$@"; }
  if ! cli image inspect "docker.io/$IMAGE" >/dev/null 2>&1; then
    echo "up.sh: copying $IMAGE to $host" >&2
    main_cli save "$IMAGE" | cli load >/dev/null
    if cli image inspect "localhost/$IMAGE" >/dev/null 2>&1; then
      cli tag "localhost/$IMAGE" "docker.io/$IMAGE"
      cli rmi "localhost/$IMAGE" >/dev/null
    fi
  fi
done

# Three image registries (distribution 2.8), run from our own config files (not the Debian service on :5000): A on
# plain HTTP and B on TLS with a CA made here that the engines trust through certs.d, both with htpasswd basic auth
# (the password is generated once per environment); C on plain HTTP with no login, for anonymous pushes.
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
mkdir -p "/etc/docker/certs.d/127.0.0.1:$REGISTRY_TLS_PORT"
cp "$REG_DIR/ca.crt" "/etc/docker/certs.d/127.0.0.1:$REGISTRY_TLS_PORT/ca.crt"

start_registry a "127.0.0.1:$REGISTRY_PORT" no yes
start_registry b "127.0.0.1:$REGISTRY_TLS_PORT" yes yes
start_registry c "127.0.0.1:$REGISTRY_OPEN_PORT" no no

# The swarm (swarm.sh): three more Docker 28 engines, each in a network namespace of its own, with the base image, and
# a registry they reach (with the login above).
"$HERE/swarm.sh" up "$ROOT_28"

SSH_PORT="${DOCKERPS_SSH_PORT:-2222}"
DOCKERPS_SSH_PORT=$SSH_PORT "$HERE/sshd.sh"
"$HERE/pwsh.sh"

cat >"$ENV_DIR/env.sh" <<ENVEOF
export DOCKERPS_TEST_DOCKER_HOST=unix://$SOCK
export DOCKERPS_TEST_DOCKER_CLI=$DOCKER_CLI
export DOCKERPS_TEST_COMPOSE_CLI=$COMPOSE_CLI
export DOCKERPS_TEST_IMAGE=$IMAGE
export DOCKERPS_TEST_TLS_HOST=tcp://127.0.0.1:$TLS_PORT
export DOCKERPS_TEST_SSH_PORT=$SSH_PORT
export DOCKERPS_TEST_REGISTRY=127.0.0.1:$REGISTRY_PORT
export DOCKERPS_TEST_REGISTRY_TLS=127.0.0.1:$REGISTRY_TLS_PORT
export DOCKERPS_TEST_REGISTRY_OPEN=127.0.0.1:$REGISTRY_OPEN_PORT
export DOCKERPS_TEST_REGISTRY_USER=$REG_USER
export DOCKERPS_TEST_REGISTRY_PASSWORD=$REG_PASSWORD
ENVEOF
cat "$ENV_DIR/swarm/env.sh" >>"$ENV_DIR/env.sh"
# The legs (tests/legs.psd1 says what each runs): the variables the module sees (DOCKER_*), and the engine the
# harness's docker CLI checks against (DOCKERPS_TEST_DOCKER_HOST) with its TLS address (DOCKERPS_TEST_TLS_HOST).
mkdir -p "$ENV_DIR/legs"
leg() { # NAME SOCKET TLS_PORT MODULE-VARIABLES...
  local name=$1 sock=$2 port=$3; shift 3
  { printf '%s\n' "$@"
    echo "DOCKERPS_TEST_DOCKER_HOST=unix://$sock"
    if [ -n "$port" ]; then echo "DOCKERPS_TEST_TLS_HOST=tcp://127.0.0.1:$port"; fi
  } >"$ENV_DIR/legs/$name.env"
}
leg main "$SOCK" "$TLS_PORT" "DOCKER_HOST=unix://$SOCK"
leg tls "$SOCK" "$TLS_PORT" "DOCKER_HOST=tcp://127.0.0.1:$TLS_PORT" DOCKER_TLS_VERIFY=1 "DOCKER_CERT_PATH=$TLS/client"
leg docker26 "$ENV_DIR/docker26/docker.sock" "$TLS_PORT_26" "DOCKER_HOST=unix://$ENV_DIR/docker26/docker.sock"
leg docker20 "$ENV_DIR/docker20/docker.sock" "$TLS_PORT_20" "DOCKER_HOST=unix://$ENV_DIR/docker20/docker.sock"
leg podman "$POD/podman.sock" "" "DOCKER_HOST=unix://$POD/podman.sock"
echo "up.sh: engines ready: main (Docker 28) unix://$SOCK, docker26, docker20, podman; image $IMAGE;" \
  "a swarm of 3 nodes and its registry (swarm.sh); registries 127.0.0.1:$REGISTRY_PORT (http), 127.0.0.1:$REGISTRY_TLS_PORT (tls), 127.0.0.1:$REGISTRY_OPEN_PORT (http, no login)" >&2
