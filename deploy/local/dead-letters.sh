#!/usr/bin/env bash
# Lists and replays a service's dead-lettered events, and lists/retries outbox rows the broker refused for good,
# through the gateway with a county administrator's token (docs/operations.md, "Dead letters, deferred and parked
# events").
#
#   deploy/local/dead-letters.sh <domain> list [PENDING|REPLAYED|DEFERRED]   # no payloads, oldest first
#   deploy/local/dead-letters.sh <domain> replay <id>                        # one; replaying twice applies once
#   deploy/local/dead-letters.sh <domain> replay-all [event type]            # every PENDING one (500 per call)
#   deploy/local/dead-letters.sh <domain> parked                             # outbox rows parked with their reason
#   deploy/local/dead-letters.sh <domain> unpark <outbox event id>           # send it again
#
# <domain> is community, monitoring, employment or industry. Environment: GATEWAY (default http://localhost:8080),
# KEYCLOAK (default http://localhost:${KEYCLOAK_PORT:-8180}), OPS_USER / OPS_PASSWORD (default county.admin).
set -euo pipefail
domain="${1:?domain: community|monitoring|employment|industry}"
cmd="${2:?command: list|replay|replay-all|parked|unpark}"
GATEWAY="${GATEWAY:-http://localhost:8080}"
KEYCLOAK="${KEYCLOAK:-http://localhost:${KEYCLOAK_PORT:-8180}}"
token=$(curl -sf -d grant_type=password -d client_id=resettle-web -d "username=${OPS_USER:-county.admin}" \
  --data-urlencode "password=${OPS_PASSWORD:-Passw0rd!}" "$KEYCLOAK/realms/resettle/protocol/openid-connect/token" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
api="$GATEWAY/api/$domain/ops"
call() { curl -s -w '\n' -H "Authorization: Bearer $token" "$@"; }
case "$cmd" in
  list)       call "$api/dead-letters?size=200${3:+&status=$3}" ;;
  replay)     call -X POST "$api/dead-letters/${3:?dead letter id}/replay" ;;
  replay-all) call -X POST "$api/dead-letters/replay${3:+?eventType=$3}" ;;
  parked)     call "$api/outbox/parked?size=200" ;;
  unpark)     call -X POST "$api/outbox/parked/${3:?outbox event id}/retry" ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
