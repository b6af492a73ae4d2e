#!/usr/bin/env bash
# Community governance lists at county scale: 100 000 households and 50 000 one-stop service requests (a third
# open, some overdue), 20 000 safety hazards (half open), seeded straight into a database of its own
# (community_bench) with generate_series; then community-service (the packaged jar, run alone on BENCH_PORT) is loaded
# with wrk on the open and overdue lists, as the county administrator and as a township official.
# Prints a Markdown table; docs/benchmarks.md holds the last recorded one.
#
#   export PG_PORT=.. KAFKA_PORT=.. KEYCLOAK_PORT=..; deploy/bench/governance.sh
# Needs the infrastructure up (deploy/local/infra.sh up) and community-service packaged.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${LOAD_SECONDS:=15}"
: "${WARMUP_SECONDS:=5}"
: "${LOAD_CONNECTIONS:=4}"
: "${BENCH_PORT:=$(( ${E2E_PORT_BASE:-18080} + 11 ))}"
: "${JAVA_OPTS:=-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1}"
PG="psql -h localhost -p ${PG_PORT:-15432} -U resettle -v ON_ERROR_STOP=1 -q"
export PGPASSWORD=resettle
OUT="$ROOT/.local/bench"; mkdir -p "$OUT"
JAR="$ROOT/community-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$JAR" ]] || { echo "package community-service first" >&2; exit 1; }

# the local cluster's superuser (trust authentication, deploy/local/infra.sh) creates the database for resettle
psql -h localhost -p ${PG_PORT:-15432} -U postgres -v ON_ERROR_STOP=1 -q -d postgres \
  -c "drop database if exists community_bench" -c "create database community_bench owner resettle"
# the service creates the schema (Flyway) on its own database
(cd "$ROOT/community-service" && DB_URL="jdbc:postgresql://localhost:${PG_PORT:-15432}/community_bench" HTTP_PORT=$BENCH_PORT \
   TOPIC_PREFIX="bench-$(date +%s)." KAFKA_GROUP_ID="community-bench-$$" exec java $JAVA_OPTS -jar "$JAR" > "$OUT/governance.log" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$BENCH_PORT/q/health/ready" > /dev/null; do sleep 0.2; done

t0=$(date +%s)
$PG -d community_bench <<'SQL'
-- 40 sites over 10 townships of Xingguo county (3607321xx)
insert into site (id, version, code, name, county_code, township_code, area_type, status, created_at, updated_at)
select gen_random_uuid(), 0, 'XG-B-' || lpad(s::text, 3, '0'), '安置点' || s, '360732', '3607321' || lpad((s % 10)::text, 2, '0'),
       'URBAN', 'ACTIVE', now(), now() from generate_series(1, 40) s;
-- 100 000 households spread over the sites
insert into household (id, version, household_no, site_id, site_code, region_code, relocation_type, placement_type, status,
                       created_at, updated_at)
select gen_random_uuid(), 0, 'B' || lpad(h::text, 7, '0'), s.id, s.code, s.township_code, 'POVERTY', 'CENTRALIZED', 'ACTIVE', now(), now()
from generate_series(1, 100000) h join (select id, code, township_code, row_number() over (order by code) - 1 as n from site) s
  on s.n = h % 40;
-- 50 000 requests of the last year: a third open, of those a quarter overdue
insert into service_request (id, version, request_no, category, household_id, household_no, site_code, region_code, title,
  description, channel, filed_by, department, status, level, due_at, created_at, updated_at)
select gen_random_uuid(), 0, 'SQB' || lpad(g::text, 8, '0'),
       (array['HOUSEHOLD_REGISTRATION','PENSION_INSURANCE','SCHOOLING','MEDICAL','SOCIAL_SECURITY','PROPERTY','LEGAL_AID','JOBS','OTHER'])[1 + g % 9],
       h.id, h.household_no, h.site_code, h.region_code, '诉求 ' || g, '诉求内容', 'WORKER', 'bench', '部门',
       case when g % 3 = 0 then (case when g % 2 = 0 then 'SUBMITTED' else 'ACCEPTED' end) else 'CLOSED' end,
       'SITE',
       case when g % 3 = 0 then now() + ((g % 12) - 3) * interval '1 day' end,
       now() - (g % 365) * interval '1 day', now()
from generate_series(1, 50000) g join (select id, household_no, site_code, region_code, row_number() over () as n from household) h
  on h.n = 1 + (g * 7) % 100000;
-- 20 000 hazards: half open, deadlines around today
insert into safety_hazard (id, version, site_id, site_code, region_code, category, severity, description, household_ids, status,
  recorded_on, recorded_by, created_at, owner, due_on, updated_at)
select gen_random_uuid(), 0, s.id, s.code, s.township_code, (array['GEOLOGICAL','HOUSING','FIRE'])[1 + g % 3],
       (array['LOW','MEDIUM','HIGH'])[1 + g % 3], '隐患 ' || g, '', case when (g / 40) % 2 = 0 then 'OPEN' else 'REMOVED' end,
       current_date - (g % 200), 'bench', now(), '责任人', current_date + ((g % 40) - 10), now()
from generate_series(1, 20000) g join (select id, code, township_code, row_number() over (order by code) - 1 as n from site) s
  on s.n = g % 40;
vacuum analyze service_request;
vacuum analyze safety_hazard;
vacuum analyze household;
SQL
echo "seeded in $(( $(date +%s) - t0 )) s" >&2

token() { curl -s -d grant_type=password -d client_id=resettle-web -d username="$1" -d 'password=Passw0rd!' \
  "http://localhost:${KEYCLOAK_PORT:-8180}/realms/resettle/protocol/openid-connect/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
COUNTY=$(token county.admin)
TOWNSHIP=$(token township.a)

echo "| list | caller | rows in scope | req/s | p50 | p99 |"
echo "|---|---|---|---|---|---|"
for path in "/api/community/requests?open=true" "/api/community/requests?overdue=true" \
            "/api/community/hazards?status=OPEN" "/api/community/hazards?overdue=true"; do
  for who in county township; do
    if [[ $who == county ]]; then T=$COUNTY; else T=$TOWNSHIP; fi
    url="http://localhost:$BENCH_PORT$path&size=20"
    total=$(curl -s -H "Authorization: Bearer $T" "$url" | python3 -c 'import sys,json;print(json.load(sys.stdin)["total"])')
    wrk -t2 -c"$LOAD_CONNECTIONS" -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $T" "$url" > /dev/null
    r=$(wrk -t2 -c"$LOAD_CONNECTIONS" -d"${LOAD_SECONDS}s" --latency -H "Authorization: Bearer $T" "$url")
    echo "| GET $path | $who | $total | $(echo "$r" | awk '/Requests\/sec/ {printf "%.0f", $2}') | $(echo "$r" | awk '$1=="50%" {print $2}') | $(echo "$r" | awk '$1=="99%" {print $2}') |"
  done
done
