#!/usr/bin/env bash
# Loop latency: a risk committed in monitoring → the job-matching task committed in employment, at steady rates.
# Seeds fresh households through the registry import (so every visit flags a new risk), waits until monitoring
# and employment know them, then for each rate sends one visit per household at that rate (open loop) and reads
# the two commit times from the databases: risk.flagged_at (monitoring) and assistance_task.created_at
# (employment). Everything (services, broker, database, load) runs on this machine.
#   deploy/bench/loop.sh [rates...]      default: 50 200; DURATION seconds per rate (default 20), WARMUP seconds
#   at WARMUP_RATE/s first (default 5 at 20/s, not recorded). The table's "risks" are the visits answered 201.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# the load comes from one token: the gateway's per-caller rate limit would measure itself, not the suite
export RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-0}"
# a large import on a loaded machine takes longer than the gateway's default 60 s answer timeout
export GATEWAY_RESPONSE_TIMEOUT="${GATEWAY_RESPONSE_TIMEOUT:-600s}"
# the gateway's connect timeout also bounds the wait for a pooled backend connection: at the start of a burst, with
# the services' JIT still cold, 2 s answered visits 504 before they reached monitoring (seen on 2026-11-26)
export GATEWAY_CONNECT_TIMEOUT="${GATEWAY_CONNECT_TIMEOUT:-10s}"
RATES=("${@:-50 200}"); RATES=(${RATES[@]})
: "${DURATION:=20}"
# seconds at WARMUP_RATE before the measured rates (own households, not recorded): the JIT and the pools warm up
: "${WARMUP:=5}" "${WARMUP_RATE:=20}"
# how long to wait for the last task of a rate after its visits were sent
: "${DRAIN_TIMEOUT:=300}"
OUT="$ROOT/.local/bench"; mkdir -p "$OUT"
export PGPASSWORD=resettle
PSQL="psql -h localhost -p ${PG_PORT:-15432} -U resettle -At"
"$ROOT/deploy/local/suite.sh" up > /dev/null
tok() { curl -s -d grant_type=password -d client_id=resettle-web -d username="$1" -d 'password=Passw0rd!' \
  http://localhost:${KEYCLOAK_PORT:-8180}/realms/resettle/protocol/openid-connect/token | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
ADMIN=$(tok county.admin)
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -X POST http://localhost:${SUITE_PORT_BASE:-8080}/api/community/sites \
  -d '{"code":"XG-LJ-001","name":"潋江安置点","countyCode":"360732","townshipCode":"360732100","areaType":"URBAN"}' || true

TOTAL=$((WARMUP * WARMUP_RATE)); for r in "${RATES[@]}"; do TOTAL=$((TOTAL + r * DURATION)); done
RUN=$(( $(date +%s) % 20 + 1 ))
$PSQL -d community -c "select 1" > /dev/null
if [[ $($PSQL -d community -c "select count(*) from household where household_no like 'BENCH-$RUN-%'") != 0 ]]; then
  RUN=$(( RUN % 20 + 1 )); fi
echo "seeding $TOTAL households (run $RUN) through the import" >&2
python3 "$ROOT/deploy/bench/gen.py" households --run "$RUN" --count "$TOTAL" > "$OUT/households-$RUN.csv"
t0=$(date +%s)
code=$(curl -s --max-time 900 -o "$OUT/import-$RUN.json" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
  -F "file=@$OUT/households-$RUN.csv;type=text/csv" http://localhost:${SUITE_PORT_BASE:-8080}/api/community/imports/households) || true
if [[ "$code" != 200 ]]; then
  echo "import failed after $(( $(date +%s) - t0 )) s: HTTP $code; answer:" >&2; head -c 2000 "$OUT/import-$RUN.json" >&2; echo >&2
  echo "see .local/logs/community-service.log and gateway.log" >&2; exit 1
fi
python3 -c 'import sys,json;r=json.load(open(sys.argv[1]));print("import:",{k:r[k] for k in ("rows","householdsCreated","peopleAdded","rejected")})' "$OUT/import-$RUN.json" >&2
echo "import took $(( $(date +%s) - t0 )) s" >&2
$PSQL -d community -c "select id from household where household_no like 'BENCH-$RUN-%' order by household_no" > "$OUT/ids-$RUN.txt"
for db in employment monitoring industry; do
  until [[ $($PSQL -d $db -c "select count(*) from registry_household where household_no like 'BENCH-$RUN-%'") == "$TOTAL" ]]; do
    (( $(date +%s) - t0 < 1800 )) || { echo "$db has not got the $TOTAL households after 30 min" >&2; exit 1; }; sleep 1; done
done
# and until every consumer is idle (no event applied anywhere for 3 s): measure the loop, not the seeding's tail
quiet() { $PSQL -d "$1" -c "select coalesce(extract(epoch from now() - max(received_at)), 99) > 3 from inbox_event"; }
until [[ $(quiet employment) == t && $(quiet monitoring) == t && $(quiet industry) == t && $(quiet community) == t ]]; do sleep 1; done

# CPU seconds used so far by each process of the suite (services, PostgreSQL with its backends, Kafka): printed per
# rate, so the table can say where the machine's two cores went
cpu() {
  local out="" pid tick; tick=$(getconf CLK_TCK)
  for s in gateway community-service monitoring-service employment-service industry-service kafka postgres; do
    pid=$(cat "$ROOT/.local/run/$s.pid" 2>/dev/null) || continue
    local pids="$pid"; [[ $s == postgres ]] && pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
    local t=0; for p in $pids; do read -r -a f < "/proc/$p/stat" 2>/dev/null || continue; t=$((t + f[13] + f[14])); done
    out+="$s=$(awk -v t=$t -v k=$tick 'BEGIN{printf "%.1f", t/k}') "
  done
  echo "$out"
}
WORKER=$(tok county.admin)
MONTH=$(date +%Y-%m)
offset=0
if (( WARMUP > 0 )); then
  n=$((WARMUP * WARMUP_RATE)); head -n "$n" "$OUT/ids-$RUN.txt" > "$OUT/batch.txt"; offset=$n
  echo "warm-up: $n visits at $WARMUP_RATE/s (not recorded)" >&2
  (cd "$ROOT/deploy/bench" && java LoopLoad.java http://localhost:${SUITE_PORT_BASE:-8080} "$WORKER" "$WARMUP_RATE" "$OUT/batch.txt" "$MONTH") >&2
  sleep 5
fi
echo "| rate (visits/s) | risks | tasks | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |"
echo "|---|---|---|---|---|---|---|"
for rate in "${RATES[@]}"; do
  n=$((rate * DURATION))
  sed -n "$((offset + 1)),$((offset + n))p" "$OUT/ids-$RUN.txt" > "$OUT/batch.txt"; offset=$((offset + n))
  since=$($PSQL -d monitoring -c "select now()")
  echo "rate $rate: cpu before $(cpu)" >&2
  (cd "$ROOT/deploy/bench" && java LoopLoad.java http://localhost:${SUITE_PORT_BASE:-8080} "$WORKER" "$rate" "$OUT/batch.txt" "$MONTH") >&2
  for db in monitoring employment; do
    $PSQL -d $db -c "create table if not exists bench_batch (id uuid primary key)" -c "truncate bench_batch" \
      -c "\\copy bench_batch from '$OUT/batch.txt'" > /dev/null
  done
  # every visit that was answered 201 flagged a risk; wait for each risk's task (a refused visit flags nothing)
  t1=$(date +%s)
  while true; do
    risks=$($PSQL -d monitoring -c "select count(*) from risk where flagged_at >= '$since' and household_id in (select id from bench_batch)")
    tasks=$($PSQL -d employment -c "select count(*) from assistance_task where kind = 'JOB_MATCHING' and household_id in (select id from bench_batch)")
    [[ "$tasks" -ge "$risks" ]] && break
    if (( $(date +%s) - t1 > DRAIN_TIMEOUT )); then echo "rate $rate: $tasks tasks for $risks risks after ${DRAIN_TIMEOUT} s" >&2; break; fi
    sleep 1
  done
  echo "rate $rate: cpu after  $(cpu)" >&2
  $PSQL -d monitoring -F, -c "select id, extract(epoch from flagged_at) from risk where flagged_at >= '$since' and household_id in (select id from bench_batch)" > "$OUT/risks.csv"
  $PSQL -d employment -F, -c "select risk_id, extract(epoch from created_at) from assistance_task where kind = 'JOB_MATCHING' and household_id in (select id from bench_batch)" > "$OUT/tasks.csv"
  python3 - "$rate" "$OUT/risks.csv" "$OUT/tasks.csv" <<'PY'
import sys
rate, risks, tasks = sys.argv[1], dict(l.strip().split(",") for l in open(sys.argv[2]) if l.strip()), dict(l.strip().split(",") for l in open(sys.argv[3]) if l.strip())
lat = sorted((float(tasks[r]) - float(t)) * 1000 for r, t in risks.items() if r in tasks)
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"| {rate} | {len(risks)} | {len(lat)} | {q(0.50):.0f} | {q(0.95):.0f} | {q(0.99):.0f} | {lat[-1]:.0f} |")
PY
done
