#!/usr/bin/env bash
# Runs every test of the suite against real servers: starts PostgreSQL, Kafka and Keycloak once for the whole run
# (fetching them from Maven Central the first time), runs `./mvnw verify` (unit tests, each service's
# @QuarkusTest suite, then the end-to-end tests that start the packaged services behind the gateway), and stops
# again whatever it started. Extra arguments go to Maven, e.g. deploy/local/test.sh -pl common,community-service
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA="$ROOT/deploy/local/infra.sh"

started=()
status=$("$INFRA" status)   # read once: `status | grep -q` under pipefail fails when grep stops reading early
for c in postgres kafka keycloak; do
  if ! grep -q "^$c: running" <<< "$status"; then started+=("$c"); fi
done
cleanup() { if (( ${#started[@]} )); then "$INFRA" down "${started[@]}"; fi; }
trap cleanup EXIT

# This run's own Kafka topics (and so its own consumers): a suite running on the same broker neither sees the
# tests' events nor feeds them its own. Databases are the *_test and *_e2e ones, cleaned at the start of each run.
export TEST_TOPIC_PREFIX="${TEST_TOPIC_PREFIX:-test-$(date +%s)-$$.}"
echo "[test] topics of this run start with $TEST_TOPIC_PREFIX" >&2

"$INFRA" up
cd "$ROOT"
./mvnw -B verify "$@"
