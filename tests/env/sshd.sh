#!/usr/bin/env bash
# The SSH side of the test environment, idempotently (called by up.sh): a private sshd on 127.0.0.1:$DOCKERPS_SSH_PORT
# (2222) with its own config, host keys and pid file under $DOCKERPS_ENV/ssh (the machine's own sshd and /root/.ssh are
# never touched), whose sessions reach the main test engine (SetEnv DOCKER_HOST) through `docker system dial-stdio`.
# Client side: a HOME of its own (ssh/home) with keys, known_hosts and an ssh config alias `dockerps-ssh`, and the
# leg file legs/ssh.env with what the module should see to run the suite over ssh://.
set -euo pipefail

ENV_DIR="${DOCKERPS_ENV:-/tmp/dockerps-env}"
SOCK="$ENV_DIR/docker.sock"
DIR="$ENV_DIR/ssh"
PORT="${DOCKERPS_SSH_PORT:-2222}"
USER_NAME=dockerps
NO_DOCKER_USER=dockerps-nodocker
HOME_DIR="$DIR/home"
mkdir -p "$DIR" "$HOME_DIR/.ssh" "$ENV_DIR/legs"
chmod 700 "$HOME_DIR/.ssh"

if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
  echo "sshd.sh: installing openssh-server" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends openssh-server openssh-client >/dev/null
fi

# Host keys, client keys (ed25519 without passphrase as the default identity, rsa PEM with a passphrase, ecdsa in
# OpenSSH format and as encrypted PKCS#8).
[ -f "$DIR/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C dockerps-host -f "$DIR/ssh_host_ed25519_key"
[ -f "$HOME_DIR/.ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C dockerps-client -f "$HOME_DIR/.ssh/id_ed25519"
[ -f "$DIR/passphrase" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DIR/passphrase"; chmod 600 "$DIR/passphrase"; }
[ -f "$HOME_DIR/.ssh/id_rsa_pass" ] || ssh-keygen -q -t rsa -b 2048 -m PEM -N "$(cat "$DIR/passphrase")" -C dockerps-rsa -f "$HOME_DIR/.ssh/id_rsa_pass"
[ -f "$HOME_DIR/.ssh/id_ecdsa_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C dockerps-ecdsa -f "$HOME_DIR/.ssh/id_ecdsa_key"
# The ecdsa key again as encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY), with the rsa key's passphrase.
if [ ! -f "$HOME_DIR/.ssh/id_ecdsa_pkcs8" ]; then
  cp "$HOME_DIR/.ssh/id_ecdsa_key" "$HOME_DIR/.ssh/id_ecdsa_pkcs8.tmp"
  ssh-keygen -q -p -N "$(cat "$DIR/passphrase")" -m PKCS8 -f "$HOME_DIR/.ssh/id_ecdsa_pkcs8.tmp" >/dev/null
  mv "$HOME_DIR/.ssh/id_ecdsa_pkcs8.tmp" "$HOME_DIR/.ssh/id_ecdsa_pkcs8"
fi
cat "$HOME_DIR/.ssh/id_ed25519.pub" "$HOME_DIR/.ssh/id_rsa_pass.pub" "$HOME_DIR/.ssh/id_ecdsa_key.pub" >"$DIR/authorized_keys"

# A dedicated user for password logins, allowed on the test engine's socket through the docker group.
getent group docker >/dev/null || groupadd --system docker
id "$USER_NAME" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh --groups docker "$USER_NAME"
# A user whose sessions find no docker command (PATH below), for the "no docker on the remote host" error.
# ('*': no password, but not locked, which sshd would refuse even for keys.)
id "$NO_DOCKER_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh --password '*' "$NO_DOCKER_USER"
# The user is the machine's, shared by every environment on it, and so is its password: it is kept beside the engines'
# cache, so a second environment's setup does not change the first one's password.
SHARED_PASSWORD="${DOCKERPS_CACHE:-/var/cache/dockerps}/ssh-password"
if [ ! -s "$SHARED_PASSWORD" ]; then
  mkdir -p "$(dirname "$SHARED_PASSWORD")"
  if [ -s "$DIR/password" ]; then cp "$DIR/password" "$SHARED_PASSWORD"; else head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$SHARED_PASSWORD"; fi
  chmod 600 "$SHARED_PASSWORD"
fi
install -m 600 "$SHARED_PASSWORD" "$DIR/password"
echo "$USER_NAME:$(cat "$DIR/password")" | chpasswd
if [ -S "$SOCK" ]; then
  chgrp docker "$SOCK" && chmod 660 "$SOCK"
fi

cat >"$DIR/sshd_config.new" <<EOF
ListenAddress 127.0.0.1:$PORT
HostKey $DIR/ssh_host_ed25519_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
AllowUsers root $USER_NAME $NO_DOCKER_USER
SetEnv DOCKER_HOST=unix://$SOCK
MaxSessions 10
ClientAliveInterval 30
Match User $NO_DOCKER_USER
  SetEnv PATH=/nonexistent
  PermitOpen none
EOF
# A changed config needs a new server.
config_changed=false
if ! cmp -s "$DIR/sshd_config.new" "$DIR/sshd_config"; then
  mv "$DIR/sshd_config.new" "$DIR/sshd_config"
  config_changed=true
fi
rm -f "$DIR/sshd_config.new"

# The client side: known_hosts with the host key (hashed, as ssh-keygen -H writes it), and an alias.
{ echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$DIR/ssh_host_ed25519_key.pub")"; } >"$HOME_DIR/.ssh/known_hosts"
ssh-keygen -q -H -f "$HOME_DIR/.ssh/known_hosts" >/dev/null 2>&1 && rm -f "$HOME_DIR/.ssh/known_hosts.old"
cat >"$HOME_DIR/.ssh/config" <<EOF
Host dockerps-ssh
  HostName 127.0.0.1
  Port $PORT
  User root

Host dockerps-ssh-ecdsa
  HostName 127.0.0.1
  Port $PORT
  User root
  IdentityFile ~/.ssh/id_ecdsa_key
EOF

server_answers() {
  timeout 10 ssh -F /dev/null -o BatchMode=yes -o UserKnownHostsFile="$HOME_DIR/.ssh/known_hosts" \
    -i "$HOME_DIR/.ssh/id_ed25519" -p "$PORT" root@127.0.0.1 docker version >/dev/null 2>&1
}

# Stops our sshd (the listener and the per-connection processes it forked), never any other.
cat >"$DIR/stop.sh" <<EOF
#!/usr/bin/env bash
pid=\$(cat "$DIR/sshd.pid" 2>/dev/null) || exit 0
pkill -TERM -P "\$pid" 2>/dev/null
kill "\$pid" 2>/dev/null
for _ in \$(seq 1 20); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.1; done
rm -f "$DIR/sshd.pid"
EOF
cat >"$DIR/start.sh" <<EOF
#!/usr/bin/env bash
mkdir -p /run/sshd
/usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"
EOF
chmod +x "$DIR/stop.sh" "$DIR/start.sh"

if $config_changed || ! server_answers; then
  echo "sshd.sh: starting sshd on 127.0.0.1:$PORT" >&2
  "$DIR/stop.sh"
  "$DIR/start.sh"
  for _ in $(seq 1 20); do server_answers && break; sleep 0.5; done
  server_answers || { echo "sshd.sh: sshd does not answer; see $DIR/sshd.log" >&2; tail -20 "$DIR/sshd.log" >&2; exit 1; }
fi

cat >"$ENV_DIR/legs/ssh.env" <<EOF
DOCKER_HOST=ssh://dockerps-ssh
HOME=$HOME_DIR
DOCKERPS_TEST_DOCKER_HOST=unix://$SOCK
EOF
echo "sshd.sh: sshd on 127.0.0.1:$PORT ready (alias dockerps-ssh, HOME=$HOME_DIR)" >&2
