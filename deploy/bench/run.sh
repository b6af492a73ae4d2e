#!/usr/bin/env bash
# Start-up and memory benchmark of the five services on this machine.
# For each service: wall time from `java -jar` to /q/health/ready answering 200, Quarkus' own "started in",
# resident memory (VmRSS) right after start, and again after a short load through the gateway
# (wrk: WARMUP_SECONDS unrecorded, then LOAD_SECONDS at LOAD_CONNECTIONS connections, on a list endpoint with a
# real token).
# Prints a Markdown table; docs/benchmarks.md holds the last recorded one.
#
#   deploy/bench/run.sh            (uses the same JAVA_OPTS as deploy/local/suite.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# the load comes from one token: the gateway's per-caller rate limit would measure itself, not the suite
export RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-0}"
: "${LOAD_SECONDS:=20}"
: "${LOAD_CONNECTIONS:=8}"
: "${JAVA_OPTS:=-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1}"
command -v wrk > /dev/null || { echo "installing wrk (Debian package)" >&2; apt-get install -y -qq wrk > /dev/null; }

"$ROOT/deploy/local/suite.sh" down > /dev/null 2>&1 || true
"$ROOT/deploy/local/infra.sh" up
[[ -f "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" ]] || "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests
OUT="$ROOT/.local/bench"; mkdir -p "$OUT"
declare -A PORT=([community-service]=8081 [monitoring-service]=8082 [employment-service]=8083 [industry-service]=8084 [gateway]=8080)
declare -A PATHS=([community-service]=/api/community/households [monitoring-service]=/api/monitoring/registry/households
                  [employment-service]=/api/employment/registry/households [industry-service]=/api/industry/registry/households
                  [gateway]=/api/community/sites)
ORDER=(community-service monitoring-service employment-service industry-service gateway)
declare -A PID READY STARTED RSS1 RSS2 RPS P99

rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

for s in "${ORDER[@]}"; do
  t0=$(date +%s%N)
  (cd "$ROOT/$s" && HTTP_PORT=${PORT[$s]} exec java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$OUT/$s.log" 2>&1) &
  PID[$s]=$!
  until curl -sf "http://localhost:${PORT[$s]}/q/health/ready" > /dev/null; do sleep 0.05; done
  READY[$s]=$(( ($(date +%s%N) - t0) / 1000000 ))
  STARTED[$s]=$(grep -o 'started in [0-9.]*s' "$OUT/$s.log" | head -1 | grep -o '[0-9.]*')
  sleep 2   # let start-up threads settle before reading memory
  RSS1[$s]=$(rss "${PID[$s]}")
done

TOKEN=$(curl -s -d grant_type=password -d client_id=resettle-web -d username=county.admin -d 'password=Passw0rd!' \
  http://localhost:${KEYCLOAK_PORT:-8180}/realms/resettle/protocol/openid-connect/token | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
for s in "${ORDER[@]}"; do
  # a warm-up round (JIT, pools) that is not recorded, then the measured round
  wrk -t2 -c"$LOAD_CONNECTIONS" -d"${WARMUP_SECONDS:-10}s" -H "Authorization: Bearer $TOKEN" "http://localhost:8080${PATHS[$s]}?size=20" > /dev/null
  r=$(wrk -t2 -c"$LOAD_CONNECTIONS" -d"${LOAD_SECONDS}s" --latency -H "Authorization: Bearer $TOKEN" \
        "http://localhost:8080${PATHS[$s]}?size=20")
  RPS[$s]=$(echo "$r" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  P99[$s]=$(echo "$r" | awk '$1=="99%" {print $2}')
  RSS2[$s]=$(rss "${PID[$s]}")
done

echo "| service | ready (ms, launch → /q/health/ready) | Quarkus \"started in\" (s) | RSS after start (MB) | load through gateway | req/s | p99 | RSS after load (MB) |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${ORDER[@]}"; do
  echo "| $s | ${READY[$s]} | ${STARTED[$s]} | ${RSS1[$s]} | GET ${PATHS[$s]} | ${RPS[$s]} | ${P99[$s]} | ${RSS2[$s]} |"
done
for s in "${ORDER[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
