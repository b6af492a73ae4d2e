#!/usr/bin/env bash
# Registry copies catching up after a bulk import: events applied per second per consumer.
# Stops the three consuming services, imports COUNT households into community (each import publishes one
# household event per household), starts the consumers again and measures, per consumer, how fast it applies the
# backlog: COUNT / (last − first inbox_event.received_at of the run's households). Everything runs on this machine.
#   COUNT=20000 deploy/bench/catchup.sh        (SUITE_PORT_BASE moves the suite's ports, default 8080)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-0}"
# a large import on a loaded machine takes longer than the gateway's default 60 s answer timeout
export GATEWAY_RESPONSE_TIMEOUT="${GATEWAY_RESPONSE_TIMEOUT:-600s}"
export GATEWAY_CONNECT_TIMEOUT="${GATEWAY_CONNECT_TIMEOUT:-10s}"
: "${COUNT:=20000}"
GW="http://localhost:${SUITE_PORT_BASE:-8080}"
OUT="$ROOT/.local/bench"; mkdir -p "$OUT"
export PGPASSWORD=resettle
PSQL="psql -h localhost -p ${PG_PORT:-15432} -U resettle -At"
"$ROOT/deploy/local/suite.sh" up > /dev/null
tok() { curl -s -d grant_type=password -d client_id=resettle-web -d username="$1" -d 'password=Passw0rd!' \
  http://localhost:${KEYCLOAK_PORT:-8180}/realms/resettle/protocol/openid-connect/token | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
ADMIN=$(tok county.admin)
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -X POST "$GW/api/community/sites" \
  -d '{"code":"XG-LJ-001","name":"潋江安置点","countyCode":"360732","townshipCode":"360732100","areaType":"URBAN"}' || true
# runs 21..40 (loop.sh uses 1..20), one not used before
RUN=21; while [[ $($PSQL -d community -c "select count(*) from household where household_no like 'BENCH-$RUN-%'") != 0 ]]; do RUN=$((RUN + 1)); done
python3 "$ROOT/deploy/bench/gen.py" households --run "$RUN" --count "$COUNT" > "$OUT/catchup-$RUN.csv"

CONSUMERS=(monitoring-service employment-service industry-service)
for s in "${CONSUMERS[@]}"; do
  pid=$(cat "$ROOT/.local/run/$s.pid"); kill -TERM "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
done
echo "importing $COUNT households (run $RUN) with the consumers stopped" >&2
t0=$(date +%s.%N)
code=$(curl -s --max-time 900 -o "$OUT/catchup-import-$RUN.json" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
  -F "file=@$OUT/catchup-$RUN.csv;type=text/csv" "$GW/api/community/imports/households") || true
if [[ "$code" != 200 ]]; then
  echo "import failed: HTTP $code; answer:" >&2; head -c 2000 "$OUT/catchup-import-$RUN.json" >&2; echo >&2
  "$ROOT/deploy/local/suite.sh" up > /dev/null; exit 1
fi
python3 -c 'import sys,json;r=json.load(open(sys.argv[1]));print("import:",{k:r[k] for k in ("rows","householdsCreated","rejected")})' "$OUT/catchup-import-$RUN.json" >&2
echo "import took $(python3 -c "import time;print(round(time.time()-$t0,1))") s; waiting for community's outbox to drain" >&2
until [[ $($PSQL -d community -c "select count(*) from outbox_event where sent_at is null and parked_at is null") == 0 ]]; do sleep 1; done
$PSQL -d community -c "select id from household where household_no like 'BENCH-$RUN-%'" > "$OUT/catchup-ids.txt"
"$ROOT/deploy/local/suite.sh" up > /dev/null
echo "| consumer | events | first → last applied (s) | events/s |"
echo "|---|---|---|---|"
for db in monitoring employment industry; do
  $PSQL -d $db -c "create table if not exists bench_batch (id uuid primary key)" -c "truncate bench_batch" \
    -c "\\copy bench_batch from '$OUT/catchup-ids.txt'" > /dev/null
  until [[ $($PSQL -d $db -c "select count(*) from registry_household where id in (select id from bench_batch)") == "$COUNT" ]]; do sleep 1; done
  $PSQL -d $db -F'|' -c "select count(*), round(extract(epoch from max(received_at) - min(received_at))::numeric, 2),
      round(count(*) / greatest(extract(epoch from max(received_at) - min(received_at)), 0.001)::numeric)
      from inbox_event where subject in (select id::text from bench_batch)" \
    | awk -F'|' -v db=$db '{printf "| %s | %s | %s | %s |\n", db, $1, $2, $3}'
done
