#!/usr/bin/env bash
# Person → postings matching latency at county scale: WORKERS people who can work (default 200,000, in households of
# three at SITES sites of 25 townships) with labour records, POSTINGS open postings (default 20,000, 40 % published to a
# site) in a database of its own (employment_bench), then REQUESTS calls of
# GET /api/employment/labour/{random person}/matches?size=20 against employment-service started alone on BENCH_PORT,
# one after the other, with an employment officer's token. Prints p50/p95/p99/max in ms.
#   /work/bin/heavy --exclusive deploy/bench/matching.sh        WORKERS=200000 POSTINGS=20000 REQUESTS=1000
# Needs the infrastructure (deploy/local/infra.sh up) and the packaged service
# (./mvnw -B -q -DskipTests package -pl common,tasks,employment-service -am).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${WORKERS:=200000}" "${POSTINGS:=20000}" "${REQUESTS:=1000}" "${SITES:=300}" "${BENCH_PORT:=$(( ${E2E_PORT_BASE:-18080} + 90 ))}"
PG="${PG_PORT:-15432}"; KC="${KEYCLOAK_PORT:-8180}"
export PGPASSWORD=resettle
PSQL="psql -h localhost -p $PG -U resettle -v ON_ERROR_STOP=1 -q"
JAR="$ROOT/employment-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$JAR" ]] || { echo "package employment-service first" >&2; exit 1; }
OUT="$ROOT/.local/bench"; mkdir -p "$OUT"

# the local cluster trusts its superuser postgres (deploy/local/infra.sh), which creates the database for resettle
psql -h localhost -p "$PG" -U postgres -v ON_ERROR_STOP=1 -q -d postgres -c "drop database if exists employment_bench" \
  -c "create database employment_bench owner resettle"
# the service creates the schema (Flyway) …
DB_URL="jdbc:postgresql://localhost:$PG/employment_bench" HTTP_PORT=$BENCH_PORT KAFKA_BOOTSTRAP_SERVERS="localhost:${KAFKA_PORT:-9092}" \
  KAFKA_GROUP_ID=employment-bench TOPIC_PREFIX="bench-$$." OIDC_AUTH_SERVER_URL="http://localhost:$KC/realms/resettle" \
  java -Xmx256m -jar "$JAR" > "$OUT/matching-service.log" 2>&1 &
SVC=$!
trap 'kill $SVC 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$BENCH_PORT/q/health/ready" > /dev/null 2>&1; do
  kill -0 $SVC 2>/dev/null || { tail -30 "$OUT/matching-service.log" >&2; exit 1; }
  sleep 1
done

# … and the data goes in with SQL (the registry copy as community's events would have filled it)
t0=$(date +%s)
$PSQL -d employment_bench <<SQL
insert into registry_site (id, version, code, name, county_code, township_code, area_type, status, updated_at)
select gen_random_uuid(), 1, 'B-' || s, '安置点' || s, '360732', (360732100 + s % 25)::text, 'URBAN', 'ACTIVE', now()
from generate_series(1, $SITES) s;
insert into registry_household (id, version, household_no, site_id, site_code, region_code, relocation_type, placement_type,
  status, member_count, updated_at)
select gen_random_uuid(), 1, 'BH-' || h, null, 'B-' || (1 + h % $SITES), (360732100 + (1 + h % $SITES) % 25)::text,
  'POVERTY', 'CENTRALIZED', 'ACTIVE', 3, now()
from generate_series(1, ceil($WORKERS / 3.0)::int) h;
insert into registry_person (id, household_id, id_number_hash, id_number_masked, name, gender, birth_year, relationship,
  labour_capacity, employment_status, health, status)
select gen_random_uuid(), h.id, md5(h.household_no || '-' || m), '360732********' || lpad((m * 7)::text, 4, '0'), '成员' || m,
  case when m % 2 = 0 then 'M' else 'F' end, 1960 + (m * 13) % 45, 'HEAD',
  case when random() < 0.2 then 'WEAK' else 'FULL' end, case when random() < 0.5 then 'UNEMPLOYED' else 'EMPLOYED_LOCAL' end,
  'HEALTHY', 'ACTIVE'
from registry_household h, generate_series(1, 3) m;
with codes as (select array_agg(code order by code) c, count(*) n from skill)
insert into labour_profile (person_id, household_id, skills, desired_skills, wish_to_work, training_wish, can_leave_home,
  checked_on, updated_by, updated_at)
select p.id, p.household_id, array[c[1 + (random() * (n - 1))::int], c[1 + (random() * (n - 1))::int]],
  array[c[1 + (random() * (n - 1))::int]], random() < 0.9, random() < 0.3, random() < 0.9, current_date, 'bench', now()
from registry_person p, codes;
insert into employer (id, version, name, kind, region_code, created_by, created_at)
select gen_random_uuid(), 0, '企业' || e, case when e % 5 = 0 then 'WORKSHOP' else 'ENTERPRISE' end,
  (360732100 + e % 25)::text, 'bench', now()
from generate_series(1, 500) e;
with codes as (select array_agg(code order by code) c, count(*) n from skill), emps as (select array_agg(id) e from employer)
insert into job_posting (id, version, employer_id, title, occupation, required_skills, region_code, workplace, wage_min,
  wage_max, openings, filled, suitable_for_weak, home_based, valid_from, valid_until, status, created_by, created_at, updated_at)
select gen_random_uuid(), 0, e[1 + j % 500], '岗位' || j, c[1 + (random() * (n - 1))::int],
  array[c[1 + (random() * (n - 1))::int]], case when j % 10 = 0 then '360100' else (360732100 + j % 25)::text end, null,
  2500 + (j % 20) * 100, 4000 + (j % 30) * 100, 1 + j % 10, 0, random() < 0.3, random() < 0.05,
  current_date - 10, current_date + 30 + j % 60, 'OPEN', 'bench', now(), now()
from generate_series(1, $POSTINGS) j, codes, emps;
insert into posting_site (posting_id, site_code, published_by, published_at)
select id, 'B-' || (1 + abs(hashtext(id::text)) % $SITES), 'bench', now() from job_posting where random() < 0.4;
analyze registry_site, registry_household, registry_person, labour_profile, employer, job_posting, posting_site;
SQL
echo "seeded $WORKERS people, $POSTINGS postings in $(( $(date +%s) - t0 )) s" >&2
$PSQL -d employment_bench -At -c "select id from registry_person where labour_capacity in ('FULL','WEAK') and employment_status = 'UNEMPLOYED' order by random() limit 2000" > "$OUT/matching-people.txt"

TOKEN=$(curl -s -d grant_type=password -d client_id=resettle-web -d username=emp.officer -d 'password=Passw0rd!' \
  "http://localhost:$KC/realms/resettle/protocol/openid-connect/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
python3 - "$BENCH_PORT" "$TOKEN" "$REQUESTS" "$OUT/matching-people.txt" <<'PY'
import sys, time, random, http.client, statistics, json
port, token, n, people = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), open(sys.argv[4]).read().split()
conn = http.client.HTTPConnection("localhost", port)
def call(pid):
    t = time.perf_counter()
    conn.request("GET", f"/api/employment/labour/{pid}/matches?size=20", headers={"Authorization": "Bearer " + token})
    r = conn.getresponse(); body = r.read()
    ms = (time.perf_counter() - t) * 1000
    if r.status not in (200, 422):  # 422: the person said they do not want work
        raise SystemExit(f"HTTP {r.status}: {body[:300]!r}")
    return ms, r.status, body
for pid in people[:200]:  # warm-up (JIT, connection pool, page cache), not recorded
    call(pid)
lat, ok, hits = [], 0, 0
for pid in random.choices(people, k=n):
    ms, status, body = call(pid)
    lat.append(ms)
    if status == 200:
        ok += 1
        hits += len(json.loads(body)["items"])
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"| requests | matched (200) | avg postings returned | p50 ms | p95 ms | p99 ms | max ms |")
print(f"|---|---|---|---|---|---|---|")
print(f"| {n} | {ok} | {hits / max(ok, 1):.1f} | {q(0.50):.1f} | {q(0.95):.1f} | {q(0.99):.1f} | {lat[-1]:.1f} |")
PY
