#!/usr/bin/env bash
# Department screening throughput: a generated file of ROWS rows (default one million; the first rows are the
# people of COUNT seeded households, the rest people outside the registry) uploaded through the gateway, beside
# PostgreSQL's own COPY of the same file into a table of the same columns on the same machine (the physical limit).
#   deploy/bench/screening.sh            ROWS=1000000 COUNT=5000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${ROWS:=1000000}"
: "${COUNT:=5000}"
OUT="$ROOT/.local/bench"; mkdir -p "$OUT"
export PGPASSWORD=resettle
PSQL="psql -h localhost -p ${PG_PORT:-15432} -U resettle -At"
"$ROOT/deploy/local/suite.sh" up > /dev/null
tok() { curl -s -d grant_type=password -d client_id=resettle-web -d username="$1" -d 'password=Passw0rd!' \
  http://localhost:${KEYCLOAK_PORT:-8180}/realms/resettle/protocol/openid-connect/token | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
# the households seeded by loop.sh are reused when present; otherwise seed them
RUN=$($PSQL -d monitoring -c "select split_part(household_no, '-', 2) from registry_household where household_no like 'BENCH-%' group by 1 order by count(*) desc limit 1")
if [[ -z "$RUN" ]]; then
  RUN=21
  python3 "$ROOT/deploy/bench/gen.py" households --run "$RUN" --count "$COUNT" > "$OUT/households-$RUN.csv"
  curl -sf -H "Authorization: Bearer $(tok county.admin)" -F "file=@$OUT/households-$RUN.csv;type=text/csv" \
    http://localhost:8080/api/community/imports/households > /dev/null
  until [[ $($PSQL -d monitoring -c "select count(*) from registry_household where household_no like 'BENCH-$RUN-%'") == "$COUNT" ]]; do sleep 1; done
fi
SEEDED=$($PSQL -d monitoring -c "select count(*) from registry_household where household_no like 'BENCH-$RUN-%'")
python3 "$ROOT/deploy/bench/gen.py" screening --run "$RUN" --count "$SEEDED" --rows "$ROWS" > "$OUT/screening.csv"
SIZE=$(du -m "$OUT/screening.csv" | cut -f1)

# 1. PostgreSQL's COPY of the same file (psql \copy streams it from this machine, as the service does)
$PSQL -d monitoring -c "drop table if exists bench_copy" -c "create unlogged table bench_copy (id_number varchar(18), name varchar(50), medical numeric(14,2), disability varchar(4), unemployed varchar(4), loss numeric(14,2), income numeric(14,2))" > /dev/null
t0=$(date +%s%N)
$PSQL -d monitoring -c "\\copy bench_copy from '$OUT/screening.csv' with (format csv, header true)" > /dev/null
copy_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
$PSQL -d monitoring -c "drop table bench_copy" > /dev/null

# 2. the upload through the gateway: parse + check every row, COPY, match, rules, risks and their events
t0=$(date +%s%N)
report=$(curl -sf -H "Authorization: Bearer $(tok civil.officer)" -F "file=@$OUT/screening.csv;type=text/csv" \
  -F department=医保局 -F month="$(date +%Y-%m)" http://localhost:8080/api/monitoring/screenings)
up_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "$report" | python3 -c 'import sys,json;r=json.load(sys.stdin);print({k:r[k] for k in ("rows","valid","malformed","matched","unmatched","warnings","millis")})' >&2
echo "| what | rows | file (MB) | time (s) | rows/s | share of COPY |"
echo "|---|---|---|---|---|---|"
python3 - "$ROWS" "$SIZE" "$copy_ms" "$up_ms" <<'PY'
import sys
rows, size, copy_ms, up_ms = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print(f"| PostgreSQL COPY (psql \\copy) | {rows} | {size} | {copy_ms/1000:.1f} | {rows/(copy_ms/1000):,.0f} | 100 % |")
print(f"| upload /api/monitoring/screenings | {rows} | {size} | {up_ms/1000:.1f} | {rows/(up_ms/1000):,.0f} | {copy_ms/up_ms*100:.0f} % |")
PY
