#!/usr/bin/env bash
# Local infrastructure for the suite: a real PostgreSQL, a real Kafka (KRaft) broker and a real Keycloak,
# all fetched from Maven Central by deploy/infra/pom.xml and run as plain processes (no Docker needed).
#
#   deploy/local/infra.sh up [postgres|kafka|keycloak ...]    fetch if needed, start, wait until ready
#   deploy/local/infra.sh down [postgres|kafka|keycloak ...]  stop (data is kept under .local/data)
#   deploy/local/infra.sh status
#   deploy/local/infra.sh reset                                stop everything and delete .local/data
#
# Everything lives under .local/ (git-ignored). Ports come from the environment with these defaults.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/.local"
DIST="$LOCAL/dist"
DATA="$LOCAL/data"
RUN="$LOCAL/run"
LOGS="$LOCAL/logs"
TMP="$LOCAL/tmp"        # every process started here unpacks and writes temp files under the checkout, never /tmp
PGHOME="$DIST/pgsql"
KEYCLOAK_VERSION=26.7.3
: "${PG_PORT:=15432}"
: "${KAFKA_PORT:=9092}"
: "${KAFKA_CONTROLLER_PORT:=9093}"
: "${KEYCLOAK_PORT:=8180}"
: "${KEYCLOAK_MGMT_PORT:=9190}"
: "${PG_DATABASES:=community,monitoring,employment,industry,community_test,monitoring_test,employment_test,industry_test,community_e2e,monitoring_e2e,employment_e2e,industry_e2e}"
mkdir -p "$DATA" "$RUN" "$LOGS" "$TMP"
export TMPDIR="$TMP"

log() { echo "[infra] $*" >&2; }

pg_platform() {
  case "$(uname -m)" in
    x86_64|amd64) echo linux-amd64 ;;
    aarch64|arm64) echo linux-arm64v8 ;;
    *) log "no PostgreSQL binaries for $(uname -m)"; return 1 ;;
  esac
}

fetch() {
  if [[ ! ( -d "$DIST/postgres/lib" && -d "$DIST/kafka/lib" && -x "$DIST/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ) ]]; then
    log "fetching PostgreSQL, Kafka and Keycloak from Maven Central (first run only)"
    "$ROOT/mvnw" -B -q -f "$ROOT/deploy/infra/pom.xml" package -Ddist.dir="$DIST" -Dpg.platform="$(pg_platform)"
  fi
  if [[ ! -x "$PGHOME/bin/pg_ctl" ]]; then
    log "unpacking the PostgreSQL binaries into $PGHOME"
    local jar work="$TMP/pg-unpack"
    jar=$(ls "$DIST"/postgres/lib/embedded-postgres-binaries-*.jar | head -1)
    rm -rf "$work" "$PGHOME.partial"; mkdir -p "$work" "$PGHOME.partial"
    (cd "$work" && jar xf "$jar")
    tar -xJf "$work"/postgres-*.txz -C "$PGHOME.partial"
    rm -rf "$work"; mv "$PGHOME.partial" "$PGHOME"
  fi
}

# PostgreSQL refuses to run as root; as root, run it in a user namespace (unshare -U), as zonky's launcher did.
as_pg_user() { if [[ $(id -u) == 0 ]]; then unshare -U "$@"; else "$@"; fi; }

pid_alive() { local f="$RUN/$1.pid"; [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name, timeout seconds, command...
  local name=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! pid_alive "$name"; then log "$name exited; see $LOGS/$name.log"; tail -30 "$LOGS/$name.log" >&2; return 1; fi
    if (( SECONDS > deadline )); then log "$name not ready after ${timeout}s; see $LOGS/$name.log"; return 1; fi
    sleep 0.5
  done
}

pg_running() { [[ -f "$DATA/postgres/postmaster.pid" ]] && kill -0 "$(head -1 "$DATA/postgres/postmaster.pid")" 2>/dev/null; }

start_postgres() {
  if pid_alive postgres; then log "postgres already running (port $PG_PORT)"; return; fi
  local pgdata="$DATA/postgres"
  if [[ ! -f "$pgdata/PG_VERSION" ]]; then
    log "initialising the PostgreSQL data directory"
    rm -rf "$pgdata"
    as_pg_user "$PGHOME/bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C > "$LOGS/postgres-initdb.log" 2>&1 \
      || { log "initdb failed; see $LOGS/postgres-initdb.log"; tail -20 "$LOGS/postgres-initdb.log" >&2; return 1; }
  fi
  log "starting PostgreSQL on port $PG_PORT"
  : > "$LOGS/postgres.log"
  # pg_ctl starts the server as its own process and returns once it accepts connections
  as_pg_user "$PGHOME/bin/pg_ctl" -D "$pgdata" -l "$LOGS/postgres.log" -w -t 120 \
      -o "-p $PG_PORT -c listen_addresses=localhost -c max_connections=300 -c unix_socket_directories=$RUN -c fsync=on" start \
      > "$LOGS/postgres-ctl.log" 2>&1 || { log "PostgreSQL did not start; see $LOGS/postgres.log"; tail -30 "$LOGS/postgres.log" >&2; return 1; }
  head -1 "$pgdata/postmaster.pid" > "$RUN/postgres.pid"
  java -Xmx64m -Djava.io.tmpdir="$TMP" -cp "$DIST/postgres/lib/*" "$ROOT/deploy/infra/postgres/PgSetup.java" "$PG_PORT" "$PG_DATABASES" >> "$LOGS/postgres.log" 2>&1 \
    || { log "creating the databases failed; see $LOGS/postgres.log"; tail -20 "$LOGS/postgres.log" >&2; return 1; }
}

start_kafka() {
  if pid_alive kafka; then log "kafka already running (port $KAFKA_PORT)"; return; fi
  local dir="$DATA/kafka" cfg="$RUN/kafka-server.properties"
  mkdir -p "$dir"
  cat > "$cfg" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  local cp="$DIST/kafka/lib/*"
  local jopts=(-Xms128m -Xmx512m -Djava.io.tmpdir="$TMP" -Dlog4j2.configurationFile="$ROOT/deploy/infra/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS")
  if [[ ! -f "$dir/meta.properties" ]]; then
    log "formatting Kafka storage"
    java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$(cat /proc/sys/kernel/random/uuid | tr -d '-' | head -c 22)" \
        -c "$cfg" --standalone >> "$LOGS/kafka.log" 2>&1
  fi
  log "starting Kafka on port $KAFKA_PORT"
  (exec java "${jopts[@]}" -cp "$cp" kafka.Kafka "$cfg" >> "$LOGS/kafka.log" 2>&1) &
  echo $! > "$RUN/kafka.pid"
  wait_for kafka 90 port_open "$KAFKA_PORT"
}

keycloak_ready() { curl -sf "http://localhost:$KEYCLOAK_PORT/realms/resettle/.well-known/openid-configuration" > /dev/null; }

start_keycloak() {
  if pid_alive keycloak; then log "keycloak already running (port $KEYCLOAK_PORT)"; return; fi
  local home="$DIST/keycloak-$KEYCLOAK_VERSION"
  mkdir -p "$home/data/import"
  cp "$ROOT/deploy/keycloak/resettle-realm.json" "$home/data/import/resettle-realm.json"
  log "starting Keycloak on port $KEYCLOAK_PORT (about 30 s)"
  (export KC_BOOTSTRAP_ADMIN_USERNAME="${KEYCLOAK_ADMIN:-admin}" KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}" \
          JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" JAVA_OPTS_APPEND="-Djava.io.tmpdir=$TMP"
   exec "$home/bin/kc.sh" start-dev --import-realm --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MGMT_PORT" \
        --db=dev-mem >> "$LOGS/keycloak.log" 2>&1) &
  echo $! > "$RUN/keycloak.pid"
  wait_for keycloak "${KEYCLOAK_START_TIMEOUT:-300}" keycloak_ready
}

stop_one() {
  local name=$1 f="$RUN/$1.pid"
  if ! pid_alive "$name"; then rm -f "$f"; return; fi
  local pid; pid=$(cat "$f")
  log "stopping $name (pid $pid)"
  if [[ $name == postgres ]]; then # fast shutdown: the postmaster ends its own backends
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -QUIT "$pid" 2>/dev/null || true
    rm -f "$f"; return
  fi
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$f"
}

components() { if (( $# )); then echo "$@"; else echo postgres kafka keycloak; fi; }

cmd=${1:-status}; shift || true
case "$cmd" in
  up)
    fetch
    for c in $(components "$@"); do "start_$c"; done
    log "ready: postgres localhost:$PG_PORT, kafka localhost:$KAFKA_PORT, keycloak http://localhost:$KEYCLOAK_PORT" ;;
  down)
    list=$(components "$@"); for c in $(echo "$list" | tr ' ' '\n' | tac); do stop_one "$c"; done ;;
  status)
    for c in postgres kafka keycloak; do if pid_alive "$c"; then echo "$c: running (pid $(cat "$RUN/$c.pid"))"; else echo "$c: stopped"; fi; done ;;
  reset)
    for c in keycloak kafka postgres; do stop_one "$c"; done; rm -rf "$DATA" ;;
  *) echo "usage: $0 up|down|status|reset [postgres|kafka|keycloak]" >&2; exit 2 ;;
esac
