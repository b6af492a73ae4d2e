#!/usr/bin/env bash
# The command view under a county of COUNT households (issue 13):
#  1. catch-up: monitoring-service stopped, COUNT households imported into community (one household event each),
#     monitoring started again; events/s = COUNT / (last − first inbox_event.received_at) of the run's households —
#     the registry copy AND the command view's projection, applied in the same transactions;
#  2. the projection's answer: the county's HOUSEHOLDS figure must have grown by COUNT;
#  3. indicator reads through the gateway (wrk, 4 connections): county, township, site, with a 12-month trend;
#     target p99 < 100 ms.
#   COUNT=100000 /work/bin/heavy --exclusive deploy/bench/command.sh   (SUITE_PORT_BASE moves the suite's ports)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-0}"
export GATEWAY_RESPONSE_TIMEOUT="${GATEWAY_RESPONSE_TIMEOUT:-1800s}"
: "${COUNT:=100000}" "${DURATION:=15}" "${WARMUP:=5}" "${CONNECTIONS:=4}"
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
figure() { curl -sf -H "Authorization: Bearer $ADMIN" "$GW/api/command/indicators?$1" \
  | python3 -c "import sys,json;d=json.load(sys.stdin);print([f['value'] for f in d['figures'] if f['code']=='$2'][0])"; }
before=$(figure region=360732 HOUSEHOLDS)
RUN=41; while [[ $($PSQL -d community -c "select count(*) from household where household_no like 'BENCH-$RUN-%'") != 0 ]]; do RUN=$((RUN + 1)); done
python3 "$ROOT/deploy/bench/gen.py" households --run "$RUN" --count "$COUNT" > "$OUT/command-$RUN.csv"

pid=$(cat "$ROOT/.local/run/monitoring-service.pid"); kill -TERM "$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
echo "importing $COUNT households (run $RUN) with monitoring-service stopped" >&2
curl -sf --max-time 3000 -H "Authorization: Bearer $ADMIN" -F "file=@$OUT/command-$RUN.csv;type=text/csv" "$GW/api/community/imports/households" \
  | python3 -c 'import sys,json;r=json.load(sys.stdin);print("import:",{k:r.get(k) for k in ("rows","householdsCreated","rejected")})' >&2
until [[ $($PSQL -d community -c "select count(*) from outbox_event where sent_at is null and parked_at is null") == 0 ]]; do sleep 1; done
$PSQL -d community -c "select id from household where household_no like 'BENCH-$RUN-%'" > "$OUT/command-ids.txt"
"$ROOT/deploy/local/suite.sh" up > /dev/null
$PSQL -d monitoring -c "create table if not exists bench_batch (id uuid primary key)" -c "truncate bench_batch" \
  -c "\\copy bench_batch from '$OUT/command-ids.txt'" > /dev/null
until [[ $($PSQL -d monitoring -c "select count(*) from command_household where household_id in (select id from bench_batch)") == "$COUNT" ]]; do sleep 1; done
echo "| consumer (registry copy + command projection) | events | first → last applied (s) | events/s |"
echo "|---|---|---|---|"
$PSQL -d monitoring -F'|' -c "select count(*), round(extract(epoch from max(received_at) - min(received_at))::numeric, 2),
    round(count(*) / greatest(extract(epoch from max(received_at) - min(received_at)), 0.001)::numeric)
    from inbox_event where subject in (select id::text from bench_batch)" | awk -F'|' '{printf "| monitoring | %s | %s | %s |\n", $1, $2, $3}'
after=$(figure region=360732 HOUSEHOLDS)
echo
echo "county HOUSEHOLDS before $before, after $after (expected +$COUNT); command_figure rows: $($PSQL -d monitoring -c 'select count(*) from command_figure')"
echo
site=$($PSQL -d monitoring -c "select site_code from command_household where site_code <> '' group by site_code order by count(*) desc limit 1")
one() { # label, url
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $ADMIN" "$2" > /dev/null
  local r; r=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -H "Authorization: Bearer $ADMIN" "$2")
  printf '| `%s` | %s | %s | %s |\n' "$1" "$(echo "$r" | awk '$1=="50%" {print $2}')" \
    "$(echo "$r" | awk '$1=="99%" {print $2}')" "$(echo "$r" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
}
ADMIN=$(tok county.admin)
echo "| request (through the gateway) | p50 | p99 | req/s |"
echo "|---|---|---|---|"
one "GET /api/command/indicators?region=360732" "$GW/api/command/indicators?region=360732"
one "GET /api/command/indicators?region=360732&period=QUARTER&periods=8" "$GW/api/command/indicators?region=360732&period=QUARTER&periods=8"
one "GET /api/command/indicators?region=360732100" "$GW/api/command/indicators?region=360732100"
one "GET /api/command/indicators?site=<largest site>" "$GW/api/command/indicators?site=$site"
