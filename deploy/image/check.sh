#!/usr/bin/env bash
# Proves an image built by deploy/image/build.sh runs, without a container engine: unpacks the tarball's layers
# into .local/image/check/<module>, starts the image's own entrypoint with its environment in a chroot (user, mount
# and PID namespaces; /proc mounted), against the local infrastructure (deploy/local/infra.sh up), and waits for
# /q/health/live. Prints the image's config (user, entrypoint, env) and the answer.
#   deploy/image/check.sh community-service [port]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="${1:?module}"
PORT="${2:-18981}"
TAR="$ROOT/$MODULE/target/jib-image.tar"
DIR="$ROOT/.local/image/check/$MODULE"
rm -rf "$DIR"; mkdir -p "$DIR/image" "$DIR/rootfs"
tar --warning=no-unknown-keyword -xf "$TAR" -C "$DIR/image"
python3 - "$DIR" <<'PY'
import json, sys, subprocess, os
d = sys.argv[1]
manifest = json.load(open(f"{d}/image/manifest.json"))[0]
config = json.load(open(f"{d}/image/{manifest['Config']}"))["config"]
print("[check] tags:", manifest.get("RepoTags"))
print("[check] user:", config.get("User"), "entrypoint:", config.get("Entrypoint"))
for layer in manifest["Layers"]:
    subprocess.run(["tar", "-xzf", f"{d}/image/{layer}", "-C", f"{d}/rootfs"], check=True)
with open(f"{d}/entrypoint", "w") as f:
    f.write("\0".join(config["Entrypoint"]))
with open(f"{d}/env", "w") as f:
    f.write("\n".join(config.get("Env", [])))
PY
mkdir -p "$DIR/rootfs/proc"
mapfile -d '' ENTRY < "$DIR/entrypoint"
ENVS=()
while IFS= read -r line; do ENVS+=("$line"); done < "$DIR/env"
LOG="$DIR/service.log"
PG="${PG_PORT:-15432}"; KAFKA="${KAFKA_PORT:-9092}"; KC="${KEYCLOAK_PORT:-8180}"
db="${MODULE%-service}"
env -i "${ENVS[@]}" HTTP_PORT="$PORT" DB_URL="jdbc:postgresql://localhost:$PG/${db}" \
  KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA" OIDC_AUTH_SERVER_URL="http://localhost:$KC/realms/resettle" \
  JAVA_OPTS_APPEND="-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" \
  "$(command -v unshare)" -r -m -p -f --kill-child --mount-proc="$DIR/rootfs/proc" "$(command -v chroot)" "$DIR/rootfs" "${ENTRY[@]}" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if out=$(curl -sf "http://localhost:$PORT/q/health/live"); then
    echo "[check] $MODULE from its image answers /q/health/live: $out"
    exit 0
  fi
  kill -0 $PID 2>/dev/null || { echo "[check] the image's process exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
  sleep 1
done
echo "[check] no answer in 120 s; see $LOG" >&2; exit 1
