#!/usr/bin/env bash
# Builds the five container images as OCI tarballs, with no Docker engine and no registry:
#   <module>/target/jib-image.tar, named registry.example.gov.cn/resettle/<module>:1.0.0 (what deploy/k8s uses).
# Push them with any OCI tool (e.g. `crane push community-service/target/jib-image.tar <ref>`, `skopeo copy
# oci-archive:… docker://…`) from a machine that can reach the registry.
#   deploy/image/build.sh            base filesystem, package (no tests), then the images
#   deploy/image/build.sh --no-package   the services are already packaged (.ci/run after the tests)
#   deploy/image/build.sh --check    also starts community-service's image in a chroot and waits for /q/health/live
#                                    (needs deploy/local/infra.sh up)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SERVICES=community-service,monitoring-service,employment-service,industry-service,gateway
[[ -x .local/image/rootfs/opt/java/bin/java ]] || deploy/image/base.sh
[[ " $* " == *" --no-package "* ]] || ./mvnw -B -q -DskipTests package -pl "common,tasks,$SERVICES"
./mvnw -B -q com.google.cloud.tools:jib-maven-plugin:3.5.2:buildTar -pl "$SERVICES" -Djib.console=plain
for m in ${SERVICES//,/ }; do
  echo "[image] $m/target/jib-image.tar $(du -h "$m/target/jib-image.tar" | cut -f1) $(cat "$m/target/jib-image.digest" 2>/dev/null)"
done
if [[ " $* " == *" --check "* ]]; then
  exec deploy/image/check.sh community-service
fi
