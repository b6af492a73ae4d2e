#!/usr/bin/env bash
# Random Secrets for the local overlay (a kind/minikube cluster), written as YAML into a git-ignored file:
#   deploy/k8s/generate-local-secrets.sh            # -> deploy/k8s/overlays/local/secrets.local.yaml
#   kubectl apply -f deploy/k8s/overlays/local/secrets.local.yaml
#   kubectl apply -k deploy/k8s/overlays/local
# OUT=<file> writes elsewhere. An existing file is kept (its passwords are already in the database); FORCE=1
# replaces it. Needs kubectl (client only: --dry-run=client never talks to a cluster).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT:-$here/overlays/local/secrets.local.yaml}"
ns="${NAMESPACE:-resettle}"
if [[ -e "$out" && "${FORCE:-0}" != 1 ]]; then
  echo "$out exists; keeping it (FORCE=1 to replace: the databases then need the new passwords)" >&2
  exit 0
fi
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 32; }
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
{
  for db in community monitoring employment industry keycloak; do
    echo "---"
    # the PostgreSQL login role CloudNativePG manages for the service; the service reads the same Secret
    kubectl create secret generic "$db-db" -n "$ns" --type=kubernetes.io/basic-auth \
      --from-literal=username="$db" --from-literal=password="$(random)" --dry-run=client -o yaml
  done
  echo "---"
  kubectl create secret generic resettle-privacy -n "$ns" \
    --from-literal=RESETTLE_PRIVACY_ID_HASH_KEY="$(random)$(random)" --dry-run=client -o yaml
  echo "---"
  kubectl create secret generic keycloak-clients -n "$ns" \
    --from-literal=gov-exchange="$(random)" --dry-run=client -o yaml
} > "$tmp"
mkdir -p "$(dirname "$out")"
umask 077
cp "$tmp" "$out"
echo "wrote $out"
