#!/usr/bin/env bash
# Province-scale benchmark (issue 8): 400 000 households / 2 000 000 people / 500 sites in one county scope.
#
#   deploy/bench/province.sh load     generate the data (province.py) and COPY it into community's registry, the
#                                     three registry copies and monitoring's/employment's/industry's lists
#   deploy/bench/province.sh up       start the four services and the gateway on bench ports (see below)
#   deploy/bench/province.sh measure  wrk at 8 connections with a county administrator's token: every list straight
#                                     to the service, the main reads also through the gateway; RSS after the load
#   deploy/bench/province.sh down     stop the services started by `up`
#   deploy/bench/province.sh all      up, load, measure (what docs/benchmarks.md records)
#
# Run measurements alone on the machine: /work/bin/heavy --exclusive deploy/bench/province.sh measure
# Ports: the infrastructure's from PG_PORT/KAFKA_PORT/KEYCLOAK_PORT (deploy/local/infra.sh); the gateway on
# BENCH_PORT (default E2E_PORT_BASE + 50, else 18150), the services on the four ports after it.
# Size: HOUSEHOLDS (400000), SITES (500); DURATION of each measured request (10 s) after WARMUP (3 s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${PG_PORT:=15432}" "${KEYCLOAK_PORT:=8180}"
: "${BENCH_PORT:=$(( ${E2E_PORT_BASE:-18100} + 50 ))}"
: "${HOUSEHOLDS:=400000}" "${SITES:=500}" "${DURATION:=10}" "${WARMUP:=3}" "${CONNECTIONS:=8}"
: "${JAVA_OPTS:=-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1}"
export RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-0}"
DATA="$ROOT/.local/bench/province"; RUN="$ROOT/.local/bench/run"; mkdir -p "$DATA" "$RUN"
export PGPASSWORD=resettle
SERVICES=(community-service monitoring-service employment-service industry-service gateway)
declare -A PORT=([gateway]=$BENCH_PORT [community-service]=$((BENCH_PORT + 1)) [monitoring-service]=$((BENCH_PORT + 2))
                 [employment-service]=$((BENCH_PORT + 3)) [industry-service]=$((BENCH_PORT + 4)))
psql_db() { psql -h localhost -p "$PG_PORT" -U resettle -d "$1" -v ON_ERROR_STOP=1 -qAt "${@:2}"; }
log() { echo "[province] $*" >&2; }

# GATEWAY_JAVA_OPTS: the gateway's own options (default JAVA_OPTS; with C2, i.e. without -XX:TieredStopAtLevel=1, warm it
# up for minutes: a 2 s warm-up measured it at 27 % of direct, docs/benchmarks.md)
# COMMUNITY_JAVA_OPTS: community-service's own (e.g. with -XX:StartFlightRecording=... to profile it)
opts() {
  case "$1" in
    gateway) echo "${GATEWAY_JAVA_OPTS:-$JAVA_OPTS}" ;;
    community-service) echo "${COMMUNITY_JAVA_OPTS:-$JAVA_OPTS}" ;;
    *) echo "$JAVA_OPTS" ;;
  esac
}

up() {
  for s in "${SERVICES[@]}"; do
    [[ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ]] || { log "package first: /work/bin/heavy ./mvnw -B -q -DskipTests package -pl ${SERVICES[*]// /,} -am"; exit 1; }
  done
  for s in "${SERVICES[@]}"; do
    if [[ -f "$RUN/$s.pid" ]] && kill -0 "$(cat "$RUN/$s.pid")" 2>/dev/null; then continue; fi
    # a copy of the packaged app, so that a build or test run meanwhile does not change the jars under the JVM
    rm -rf "$RUN/app/$s"; mkdir -p "$RUN/app/$s"; cp -r "$ROOT/$s/target/quarkus-app/." "$RUN/app/$s/"
    (cd "$RUN/app/$s" && HTTP_PORT=${PORT[$s]} COMMUNITY_URL=http://localhost:${PORT[community-service]} \
       MONITORING_URL=http://localhost:${PORT[monitoring-service]} EMPLOYMENT_URL=http://localhost:${PORT[employment-service]} \
       INDUSTRY_URL=http://localhost:${PORT[industry-service]} exec java $(opts "$s") -jar quarkus-run.jar \
       > "$RUN/$s.log" 2>&1) &
    echo $! > "$RUN/$s.pid"
  done
  for s in "${SERVICES[@]}"; do
    local deadline=$((SECONDS + 180))
    until curl -sf "http://localhost:${PORT[$s]}/q/health/ready" > /dev/null; do
      (( SECONDS < deadline )) || { log "$s not ready; see $RUN/$s.log"; exit 1; }
      sleep 1
    done
    log "$s ready on ${PORT[$s]}"
  done
}

down() {
  for s in "${SERVICES[@]}"; do
    [[ -f "$RUN/$s.pid" ]] && kill "$(cat "$RUN/$s.pid")" 2>/dev/null || true
    rm -f "$RUN/$s.pid"
  done
}

copy() { # db, table, file, columns
  psql_db "$1" -c "\\copy $2 ($4) from '$DATA/$3.tsv'"
}

load() {
  local t0=$SECONDS
  log "generating $HOUSEHOLDS households in $DATA"
  python3 "$ROOT/deploy/bench/province.py" --out "$DATA" --households "$HOUSEHOLDS" --sites "$SITES"
  log "community: registry"
  psql_db community -c "truncate person, household, site cascade"
  copy community site site "id, version, code, name, county_code, township_code, area_type, address, chief_name, chief_phone, planned_households, planned_people, status, created_at, updated_at"
  copy community household household "id, version, household_no, site_id, site_code, region_code, relocation_type, placement_type, house_type, house_area, origin_place, origin_region_code, homestead_area, farmland_mu, forest_mu, phone, relocated_on, status, moved_out_on, moved_out_reason, created_at, updated_at"
  copy community person person "id, version, household_id, seq, id_number, name, gender, birth_date, relationship, education, health, disability_level, labour_capacity, skills, employment_status, training_wish, workplace, phone, status, updated_at"
  for db in monitoring employment industry; do
    log "$db: registry copy"
    psql_db "$db" -c "truncate registry_person, registry_household, registry_site cascade"
    copy "$db" registry_site registry_site "id, version, code, name, county_code, township_code, area_type, status, updated_at"
    copy "$db" registry_household registry_household "id, version, household_no, site_id, site_code, region_code, relocation_type, placement_type, status, member_count, events_applied, last_event_id, updated_at"
    copy "$db" registry_person registry_person "id, household_id, id_number_hash, id_number_masked, name, gender, birth_year, relationship, labour_capacity, employment_status, health, status"
  done
  log "monitoring: visits, risks, declarations, cases"
  psql_db monitoring -c "truncate case_step, monitoring_case, declaration, plan_measure, risk, visit cascade"
  copy monitoring visit visit "id, household_id, household_no, region_code, site_code, visit_month, visited_on, visitor, household_size, per_capita_income, medical_expense, health_change, industry_change, employment_change, unsafe_housing, unsafe_water, child_out_of_school, sudden_difficulty, policies_received, cadre_paired, integrated, demands_solved, note, created_at"
  copy monitoring risk risk "id, version, household_id, household_no, region_code, site_code, category, source, severity, evidence, status, flagged_month, flagged_at, flagged_by, closed_at, closed_by, social_assistance_referral"
  copy monitoring declaration declaration "id, version, household_id, household_no, region_code, site_code, declared_by, category, description, status, created_at, due_by, acknowledged_at, acknowledged_by, risk_id"
  copy monitoring monitoring_case monitoring_case "id, version, household_id, household_no, region_code, site_code, subject_type, source, risk_id, status, opened_at, opened_by, due_by, notice_ends, closed_at"
  for db in employment industry; do
    log "$db: tasks"
    psql_db "$db" -c "truncate assistance_task cascade"
    copy "$db" assistance_task "assistance_task.$db" "id, version, risk_id, household_id, household_no, region_code, site_code, department, kind, title, detail, target_people, status, assignee, deadline, outcome, decline_reason, created_at, accepted_at, closed_at, closed_by, updated_at"
  done
  # maintained per-site counts (V15+ in community) are rebuilt from the rows loaded behind the service's back
  if [[ -n "$(psql_db community -c "select 1 from information_schema.tables where table_name = 'site_count'")" ]]; then
    psql_db community -c "select rebuild_site_counts()"
  fi
  for db in community monitoring employment industry; do psql_db "$db" -c "vacuum analyze"; done
  log "loaded in $((SECONDS - t0)) s"
}

token() {
  curl -sf -d grant_type=password -d client_id=resettle-web -d username="${1:-county.admin}" -d 'password=Passw0rd!' \
    "http://localhost:$KEYCLOAK_PORT/realms/resettle/protocol/openid-connect/token" \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'
}

one() { # label, url
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "$2" > /dev/null
  local r; r=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -H "Authorization: Bearer $TOKEN" "$2")
  local non2xx; non2xx=$(echo "$r" | awk '/Non-2xx/ {print $NF}')
  printf '| `%s` | %s | %s | %s |%s\n' "$1" "$(echo "$r" | awk '$1=="50%" {print $2}')" \
    "$(echo "$r" | awk '$1=="99%" {print $2}')" "$(echo "$r" | awk '/Requests\/sec/ {printf "%.0f", $2}')" \
    "${non2xx:+ $non2xx non-2xx}"
}

# SECTIONS: which parts of `measure` run (default all): households others gateway import ledger rss
want() { [[ " ${SECTIONS:-households others gateway import ledger rss} " == *" $1 "* ]]; }

json() { python3 -c "import sys,json;d=json.load(sys.stdin);print($1)"; }

measure() {
  command -v wrk > /dev/null || { log "installing wrk"; apt-get install -y -qq wrk > /dev/null; }
  TOKEN=$(token)
  local C=http://localhost:${PORT[community-service]}/api/community M=http://localhost:${PORT[monitoring-service]}/api/monitoring
  local E=http://localhost:${PORT[employment-service]}/api/employment I=http://localhost:${PORT[industry-service]}/api/industry
  local G=http://localhost:${PORT[gateway]}/api
  local township=360732104 site hid cursor month
  site=$(psql_db community -c "select id from site where township_code = '$township' order by code limit 1")
  hid=$(psql_db community -c "select id from household where region_code = '$township' order by household_no limit 1")
  month=$(date +%Y-%m)
  # the cursor a user holds after paging to page 5000 (the first time by offset, then by cursor)
  if want households; then
    cursor=$(curl -sf -H "Authorization: Bearer $TOKEN" "$C/households?size=20&page=5000" | json 'd.get("nextCursor") or ""')
  fi
  if want households; then
  echo "| request | p50 | p99 | req/s |"
  echo "|---|---|---|---|"
  one "GET /households?size=20" "$C/households?size=20"
  one "GET /households?size=20&page=5000" "$C/households?size=20&page=5000"
  [[ -n "$cursor" ]] && one "GET /households?size=20&cursor=<after page 5000>" "$C/households?size=20&cursor=$cursor"
  one "GET /households?labourCapacity=NONE&size=20" "$C/households?labourCapacity=NONE&size=20"
  one "GET /households?regionCode=<township>&size=20" "$C/households?regionCode=$township&size=20"
  one "GET /households?siteId=…&size=20" "$C/households?siteId=$site&size=20"
  one "GET /households/{id}" "$C/households/$hid"
  one "GET /sites?size=20" "$C/sites?size=20"
  one "GET /sites?size=200" "$C/sites?size=200"
  fi
  if want others; then
  one "GET monitoring /registry/households?size=20" "$M/registry/households?size=20"
  one "GET monitoring /registry/households?labourCapacity=NONE" "$M/registry/households?labourCapacity=NONE&size=20"
  one "GET employment /registry/households?size=20" "$E/registry/households?size=20"
  one "GET industry /registry/households?size=20" "$I/registry/households?size=20"
  one "GET monitoring /visits?size=20" "$M/visits?size=20"
  one "GET monitoring /visits/unvisited?month=$month" "$M/visits/unvisited?month=$month&size=20"
  one "GET monitoring /risks?size=20" "$M/risks?size=20"
  one "GET monitoring /risks?status=OPEN&regionCode=<township>" "$M/risks?status=OPEN&regionCode=$township&size=20"
  one "GET monitoring /cases?size=20" "$M/cases?size=20"
  one "GET monitoring /declarations?size=20" "$M/declarations?size=20"
  one "GET employment /tasks?size=20" "$E/tasks?size=20"
  one "GET industry /tasks?size=20" "$I/tasks?size=20"
  fi
  if want gateway; then
  echo
  echo "| through the gateway | p50 | p99 | req/s |"
  echo "|---|---|---|---|"
  one "GET /api/community/households/{id} (gateway)" "$G/community/households/$hid"
  one "GET /api/community/households/{id} (direct)" "$C/households/$hid"
  one "GET /api/community/households?size=20 (gateway)" "$G/community/households?size=20"
  one "GET /api/community/households?size=20 (direct)" "$C/households?size=20"
  fi
  if want import || want ledger; then
  echo
  echo "| import / export (county administrator, straight to community-service) | rows | seconds | rows/s |"
  echo "|---|---|---|---|"
  fi
  if want import; then
  # an import file of IMPORT_HOUSEHOLDS new households of 5 (ID numbers born in 360733, so none is registered yet)
  local n=${IMPORT_HOUSEHOLDS:-4000} f="$DATA/import.csv" t0 t1 report
  python3 - "$n" "$f" <<'PY'
import datetime, sys, time
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]; C = "10X98765432"
n, path = int(sys.argv[1]), sys.argv[2]
run = int(time.time()) % 100000
rels = ["户主", "配偶", "子女", "子女", "父母"]
with open(path, "w", encoding="utf-8") as out:
    out.write("户编号,安置点编码,乡镇代码,搬迁类型,安置方式,住房类型,迁出地,入住日期,与户主关系,姓名,身份证号,文化程度,健康状况,劳动能力,就业状况,技能,务工地点,联系电话\n")
    k = (run % 50) * 200_000
    for h in range(n):
        for m in range(5):
            d = datetime.date(1940, 1, 1) + datetime.timedelta(days=k // 500); seq = (k % 500) * 2 + (1 if m != 1 else 0); k += 1
            body = f"360733{d:%Y%m%d}{seq:03d}"; idn = body + C[sum(int(x) * w for x, w in zip(body, W)) % 11]
            out.write(f"IMP{run}-{h:06d},XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,{rels[m]},钟{'建国秀英'[m % 4]}{m},{idn},初中,健康,普通劳动力,未就业,,,\n")
PY
  t0=$(date +%s%N)
  report=$(curl -sf -H "Authorization: Bearer $TOKEN" -F "file=@$f;type=text/csv" "$C/imports/households")
  t1=$(date +%s%N)
  printf '| `POST /imports/households` (%s households, %s people; report: %s) | %s | %.1f | %.0f |\n' "$n" "$((n * 5))" \
    "$(echo "$report" | json '{k: d[k] for k in ("householdsCreated", "peopleAdded", "rejected")}')" "$((n * 5))" \
    "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$(echo "$n * 5 * 1000000000 / ($t1 - $t0)" | bc -l)"
  fi
  if want ledger; then
  for fmt in ${LEDGER_FORMATS:-csv xlsx}; do
    t0=$(date +%s%N)
    local job; job=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$C/households/ledger-jobs?format=$fmt" | json 'd["id"]')
    local st=""; local peak=0 r
    until [[ "$st" == DONE || "$st" == FAILED ]]; do
      sleep 1
      st=$(curl -sf -H "Authorization: Bearer $TOKEN" "$C/jobs/$job" | json 'd["status"]')
      r=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cat "$RUN/community-service.pid")/status"); (( r > peak )) && peak=$r
    done
    t1=$(date +%s%N)
    local info; info=$(curl -sf -H "Authorization: Bearer $TOKEN" "$C/jobs/$job" | json 'str(d.get("summary") or d.get("detail")) + " " + str(d.get("resultBytes")) + " bytes"')
    local rows; rows=$(curl -sf -H "Authorization: Bearer $TOKEN" "$C/jobs/$job" | json 'd["rowsDone"]')
    printf '| ledger job, county, %s (%s, %s; RSS peak %s MB) | %s | %.1f | %.0f |\n' "$fmt" "$st" "$info" "$peak" "$rows" \
      "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$(echo "$rows * 1000000000 / ($t1 - $t0)" | bc -l)"
  done
  fi
  if want rss; then
  echo
  echo "| service | RSS after the benchmark (MB) |"
  echo "|---|---|"
  for s in "${SERVICES[@]}"; do
    printf '| %s | %s |\n' "$s" "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cat "$RUN/$s.pid")/status")"
  done
  fi
}

case "${1:-all}" in
  load) load ;;
  up) up ;;
  down) down ;;
  measure) measure ;;
  all) up; load; measure ;;
  *) echo "usage: $0 load|up|measure|down|all" >&2; exit 2 ;;
esac
