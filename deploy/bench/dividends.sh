#!/usr/bin/env bash
# Dividend run of one county: SITES sites × HOUSEHOLDS_PER_SITE households (3 active members each) in industry's
# registry copy, ASSETS operating assets with a year's income; one distribution cycle per site drafted through the
# API; then, timed: every cycle approved (beneficiaries frozen, dividends split by shares) and distributed (one
# income.paid event per household through the outbox) through the API, until the outbox has handed every event to
# Kafka. Runs industry-service's packaged jar alone against its own database (industry_bench) and topic prefix.
#   /work/bin/heavy ./mvnw -B -q -DskipTests package -pl common,tasks,industry-service -am
#   /work/bin/heavy --exclusive deploy/bench/dividends.sh      SITES=100 HOUSEHOLDS_PER_SITE=1000 ASSETS=500
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${SITES:=100}"
: "${HOUSEHOLDS_PER_SITE:=1000}"
: "${ASSETS:=500}"
: "${PG_PORT:=15432}"
: "${KAFKA_PORT:=9092}"
: "${KEYCLOAK_PORT:=8180}"
: "${BENCH_PORT:=18099}"
export PGPASSWORD=resettle
PSQL="psql -h localhost -p $PG_PORT -U resettle -At -v ON_ERROR_STOP=1"
DB=industry_bench
API="http://localhost:$BENCH_PORT/api/industry"
JAR="$ROOT/industry-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$JAR" ]] || { echo "package industry-service first (see the header)" >&2; exit 1; }
"$ROOT/deploy/local/infra.sh" up > /dev/null

# the local cluster's superuser (trust authentication, deploy/local/infra.sh) creates the database for resettle
psql -h localhost -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q -d postgres -c "drop database if exists $DB" \
  -c "create database $DB owner resettle" > /dev/null
LOG="$ROOT/.local/logs/industry-bench.log"
DB_URL="jdbc:postgresql://localhost:$PG_PORT/$DB" HTTP_PORT=$BENCH_PORT TOPIC_PREFIX="bench-$(date +%s)." \
  KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" OIDC_AUTH_SERVER_URL="http://localhost:$KEYCLOAK_PORT/realms/resettle" \
  java -Xms64m -Xmx512m -jar "$JAR" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$BENCH_PORT/q/health/ready" > /dev/null; do
  kill -0 $PID 2>/dev/null || { echo "industry-service did not start; see $LOG" >&2; exit 1; }
  sleep 1
done

echo "seeding $SITES sites, $((SITES * HOUSEHOLDS_PER_SITE)) households, $ASSETS assets ..." >&2
$PSQL -d $DB > /dev/null <<SQL
insert into registry_site (id, version, code, name, county_code, township_code, area_type, status, updated_at)
select gen_random_uuid(), 1, 'BENCH-S' || lpad(s::text, 4, '0'), '基准安置点' || s, '360732', '3607321' || lpad((s % 25)::text, 2, '0'),
       'URBAN', 'ACTIVE', now()
from generate_series(1, $SITES) s;
insert into registry_household (id, version, household_no, site_id, site_code, region_code, relocation_type, placement_type,
                                status, member_count, updated_at)
select gen_random_uuid(), 1, 'BENCH-H' || lpad(s::text, 4, '0') || '-' || lpad(h::text, 5, '0'), null,
       'BENCH-S' || lpad(s::text, 4, '0'), '3607321' || lpad((s % 25)::text, 2, '0'), 'POVERTY', 'CENTRALIZED', 'ACTIVE', 3, now()
from generate_series(1, $SITES) s, generate_series(1, $HOUSEHOLDS_PER_SITE) h;
insert into registry_person (id, household_id, name, gender, relationship, labour_capacity, employment_status, health, status,
                             id_number_hash, id_number_masked, birth_year)
select gen_random_uuid(), h.id, '成员' || m, 'M', case when m = 1 then 'HEAD' else 'CHILD' end, 'FULL', 'UNEMPLOYED', 'HEALTHY',
       'ACTIVE', md5(h.id::text || m) || md5(m || h.id::text), '360732********000' || m, 1980
from registry_household h, generate_series(1, 3) m;
insert into project_asset (id, asset_no, name, kind, category, site_code, region_code, owner, ownership_certified, value,
                           funding_source, completed_on, useful_life_years, residual_rate, custodian, maintenance_fund,
                           maintenance_every_months, status, created_by, created_at, updated_at)
select gen_random_uuid(), 'BENCH-A' || lpad(a::text, 5, '0'), '基准资产' || a, 'OPERATING', 'PV_STATION', s.code, s.township_code,
       '股份经济合作社', true, 500000, 'CENTRAL_FUND', date '2022-01-01', 20, 0.05, '村委会', 10000, 12, 'IN_USE', 'bench', now(), now()
from generate_series(1, $ASSETS) a join registry_site s on s.code = 'BENCH-S' || lpad((1 + (a - 1) % $SITES)::text, 4, '0');
insert into asset_income (id, asset_id, year, amount, received_on, payer, recorded_by, created_at)
select gen_random_uuid(), id, 2025, 24000.00, date '2025-12-20', '租户', 'bench', now() from project_asset;
analyze registry_site, registry_household, registry_person, project_asset, asset_income;
SQL

tok() { curl -s -d grant_type=password -d client_id=resettle-web -d username="$1" -d 'password=Passw0rd!' \
  "http://localhost:$KEYCLOAK_PORT/realms/resettle/protocol/openid-connect/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
MAKER=$(tok county.admin)
APPROVER=$(tok ind.officer)
ids=()
for code in $($PSQL -d $DB -c "select code from registry_site order by code"); do
  income=$($PSQL -d $DB -c "select sum(i.amount) from asset_income i join project_asset a on a.id = i.asset_id where a.site_code = '$code'")
  dividend=$(python3 -c "print(round($income * 0.6, 2))")
  rest=$(python3 -c "print(round($income - $dividend, 2))")
  ids+=("$(curl -sf -H "Authorization: Bearer $MAKER" -H 'Content-Type: application/json' \
    -d "{\"siteCode\":\"$code\",\"year\":2025,\"uses\":[{\"use\":\"DIVIDEND\",\"amount\":$dividend},{\"use\":\"PUBLIC_WELFARE_POSTS\",\"amount\":$rest}]}" \
    "$API/distributions" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')")
done
base=$($PSQL -d $DB -c "select count(*) from outbox_event")

echo "running the dividend run of ${#ids[@]} cycles ..." >&2
t0=$(date +%s%N)
for id in "${ids[@]}"; do
  curl -sf -H "Authorization: Bearer $APPROVER" -H 'Content-Type: application/json' -d '{"version":0}' "$API/distributions/$id/approve" > /dev/null
done
t1=$(date +%s%N)
for id in "${ids[@]}"; do
  curl -sf -H "Authorization: Bearer $MAKER" -H 'Content-Type: application/json' -d "{\"version\":1,\"paidOn\":\"$(date +%F)\"}" \
    "$API/distributions/$id/distribute" > /dev/null
done
t2=$(date +%s%N)
until [[ $($PSQL -d $DB -c "select count(*) from outbox_event where sent_at is null") == 0 ]]; do sleep 0.2; done
t3=$(date +%s%N)
events=$(( $($PSQL -d $DB -c "select count(*) from outbox_event") - base ))
paid=$($PSQL -d $DB -c "select count(*) || ' households, ' || sum(amount) || ' yuan' from distribution_share where paid_on is not null")
echo "| step | time (s) |"
echo "|---|---|"
python3 - "$t0" "$t1" "$t2" "$t3" "$events" "$paid" "${#ids[@]}" <<'PY'
import sys
t0, t1, t2, t3 = (int(x) for x in sys.argv[1:5]); events, paid, cycles = sys.argv[5], sys.argv[6], sys.argv[7]
print(f"| approve {cycles} cycles (freeze beneficiaries, split dividends) | {(t1-t0)/1e9:.1f} |")
print(f"| distribute {cycles} cycles ({events} income.paid events written to the outbox) | {(t2-t1)/1e9:.1f} |")
print(f"| outbox drained to Kafka after the last distribution | {(t3-t2)/1e9:.1f} |")
print(f"| **whole run** ({paid}) | **{(t3-t0)/1e9:.1f}** |")
PY
