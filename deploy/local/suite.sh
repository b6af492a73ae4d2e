#!/usr/bin/env bash
# Runs the whole suite on one machine: real PostgreSQL, Kafka and Keycloak (deploy/local/infra.sh) plus the five
# services as plain JVM processes.
#
#   deploy/local/suite.sh up      fetch + start infrastructure, build, start services, print the addresses
#   deploy/local/suite.sh down    stop services and infrastructure (data kept under .local/data)
#   deploy/local/suite.sh status
#
# Idempotent: running `up` twice leaves one copy of everything running.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/.local/run"
LOGS="$ROOT/.local/logs"
mkdir -p "$RUN" "$LOGS"
SERVICES=(community-service monitoring-service employment-service industry-service gateway)
# SUITE_PORT_BASE (default 8080) moves the five ports together (gateway, then the services at +1..+4)
B="${SUITE_PORT_BASE:-8080}"
declare -A PORTS=([gateway]=$B [community-service]=$((B + 1)) [monitoring-service]=$((B + 2)) [employment-service]=$((B + 3)) [industry-service]=$((B + 4)))
export COMMUNITY_URL="${COMMUNITY_URL:-http://localhost:$((B + 1))}" MONITORING_URL="${MONITORING_URL:-http://localhost:$((B + 2))}" \
  EMPLOYMENT_URL="${EMPLOYMENT_URL:-http://localhost:$((B + 3))}" INDUSTRY_URL="${INDUSTRY_URL:-http://localhost:$((B + 4))}"
: "${JAVA_OPTS:=-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1}"

log() { echo "[suite] $*" >&2; }
alive() { local f="$RUN/$1.pid"; [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null; }

build() {
  local missing=0
  for s in "${SERVICES[@]}"; do [[ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ]] || missing=1; done
  if (( missing )) || [[ "${REBUILD:-0}" == 1 ]]; then
    log "building the services (tests skipped; run deploy/local/test.sh for those)"
    "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}")" -am
  fi
}

start_service() {
  local s=$1 port=${PORTS[$1]}
  if alive "$s"; then log "$s already running"; return; fi
  log "starting $s on port $port"
  (cd "$ROOT/$s" && HTTP_PORT=$port exec java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >> "$LOGS/$s.log" 2>&1) &
  echo $! > "$RUN/$s.pid"
}

wait_ready() {
  local s=$1 port=${PORTS[$1]} deadline=$((SECONDS + 120))
  until curl -sf "http://localhost:$port/q/health/ready" > /dev/null; do
    if ! alive "$s"; then log "$s exited; last lines of $LOGS/$s.log:"; tail -30 "$LOGS/$s.log" >&2; return 1; fi
    if (( SECONDS > deadline )); then log "$s not ready after 120 s; see $LOGS/$s.log"; return 1; fi
    sleep 0.5
  done
}

stop_service() {
  local s=$1 f="$RUN/$1.pid"
  if alive "$s"; then
    local pid; pid=$(cat "$f"); log "stopping $s"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

case "${1:-status}" in
  up)
    "$ROOT/deploy/local/infra.sh" up
    build
    for s in "${SERVICES[@]}"; do start_service "$s"; done
    for s in "${SERVICES[@]}"; do wait_ready "$s"; done
    cat <<MSG

  The suite is up.
    Gateway (all APIs):  http://localhost:$B/api/{community,monitoring,employment,industry}/...
    Swagger UI:          http://localhost:$B/swagger-ui
    Health:              http://localhost:$B/q/health
    Keycloak:            http://localhost:${KEYCLOAK_PORT:-8180}  (admin / admin; realm "resettle", users in deploy/keycloak, password Passw0rd!)
    Logs:                .local/logs/
  Get a token:  curl -s -d grant_type=password -d client_id=resettle-web -d username=county.admin \\
                  -d 'password=Passw0rd!' http://localhost:${KEYCLOAK_PORT:-8180}/realms/resettle/protocol/openid-connect/token
  Stop:         deploy/local/suite.sh down
MSG
    ;;
  down)
    for (( i=${#SERVICES[@]}-1; i>=0; i-- )); do stop_service "${SERVICES[$i]}"; done
    "$ROOT/deploy/local/infra.sh" down ;;
  status)
    "$ROOT/deploy/local/infra.sh" status
    for s in "${SERVICES[@]}"; do if alive "$s"; then echo "$s: running (port ${PORTS[$s]})"; else echo "$s: stopped"; fi; done ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
