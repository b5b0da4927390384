#!/usr/bin/env bash
# Build the five services' container images without a Docker daemon (quarkus-container-image-jib), push them to a
# registry on this machine, check them, and start one from its image. Run by deploy/local/test.sh after the build.
#   1. the base image (deploy/images/build-base.sh): jlink's runtime + Debian's C libraries + user 185, no shell
#   2. a registry on 127.0.0.1:5000 (Debian's docker-registry, unpacked into .leadstream/tools; started and stopped
#      here unless one already answers)
#   3. ./mvnw package -pl <services> with quarkus.container-image.build/push: Jib layers each service's fast-jar on
#      the base and pushes leadstream/<service>:<version> to the registry
#   4. each image's config read back from the registry: runs as uid 185, java -jar quarkus-run.jar in /deployments,
#      the JVM's container settings; then capture-service's image unpacked and started as uid 185 in its own root
#      (chroot) against the local engines, until /q/health/ready says UP (needs up.sh --engines-only first)
#
#   deploy/local/images.sh                 all of the above
#   deploy/local/images.sh --no-run        without starting an image (no engines needed)
# Another registry: LEADSTREAM_IMAGE_REGISTRY=registry.example.com/team (then nothing is started here, and the
# registry's credentials come from quarkus.container-image.username/password or your docker config).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUN=1
while (($#)); do
  case "$1" in
    --no-run) RUN=0 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done
REGISTRY="${LEADSTREAM_IMAGE_REGISTRY:-127.0.0.1:5000}"
REG_DIR="$TOOLS_DIR/registry"
REG_BIN="$REG_DIR/usr/bin/docker-registry"
BASE_TAR="$LS_HOME/images/leadstream-jre-base.tar"
log="$(log_file images)"
: >"$log"
ensure_java

step "Base image (jlink + Debian's C libraries, uid 185)"
"$REPO/deploy/images/build-base.sh" "$BASE_TAR"

STARTED_REGISTRY=0
stop_registry() { ((STARTED_REGISTRY)) && stop_component registry 10 >/dev/null 2>&1 || true; }
trap stop_registry EXIT
if [[ "$REGISTRY" == 127.0.0.1:5000 ]] && ! curl -sf -o /dev/null --max-time 2 "http://$REGISTRY/v2/"; then
  step "Registry on http://$REGISTRY (Debian's docker-registry)"
  if [[ ! -x "$REG_BIN" ]]; then
    debian_unpack "$REG_DIR" "$log" docker-registry
  fi
  mkdir -p "$LS_HOME/registry"
  cat >"$LS_HOME/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $LS_HOME/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
YAML
  start_bg registry "$LS_HOME/registry" "$REG_BIN" serve "$LS_HOME/registry/config.yml"
  STARTED_REGISTRY=1
  wait_until registry 30 "registry answering on http://$REGISTRY/v2/" curl -sf -o /dev/null --max-time 2 "http://$REGISTRY/v2/"
fi

step "Images: Jib on each service's fast-jar, pushed to $REGISTRY"
projects="$(printf '%s,' "${SERVICES[@]}")"
if ! mvnw -B --no-transfer-progress package -DskipTests -Djacoco.skip=true -pl "${projects%,}" \
    -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
    -Dquarkus.jib.base-jvm-image="tar://$BASE_TAR" >>"$log" 2>&1; then
  fail_with_log "the image build failed" "$log"
fi
grep -E "Pushed container image|Created container image" "$log" | sed 's/^.*INFO\]/   /' || true

version="$(cd "$REPO" && sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)"
step "Checking the images in the registry"
for s in "${SERVICES[@]}"; do
  python3 "$REPO/deploy/images/check-image.py" "http://$REGISTRY" "leadstream/$s" "$version" check \
    || fail_with_log "leadstream/$s:$version does not pass its checks" "$log"
done

if ((RUN)); then
  step "Starting capture-service from its image (chroot, uid 185) against the local engines"
  rootfs="$(mktemp -d)"
  trap 'stop_registry; rm -rf --one-file-system "$rootfs"' EXIT
  python3 "$REPO/deploy/images/check-image.py" "http://$REGISTRY" leadstream/capture-service "$version" unpack "$rootfs"
  start_bg image-run "$REPO" python3 "$REPO/deploy/images/check-image.py" "http://$REGISTRY" \
    leadstream/capture-service "$version" run "$rootfs" \
    QUARKUS_HTTP_PORT=18081 QUARKUS_MANAGEMENT_PORT=19081 LEADSTREAM_SECURITY_ALLOW_PUBLISHED_SECRETS=true
  cleanup_run() {
    stop_component image-run 30 >/dev/null 2>&1 || true
    umount "$rootfs/proc" 2>/dev/null || true
    stop_registry
    rm -rf --one-file-system "$rootfs"
  }
  trap cleanup_run EXIT
  image_ready() {
    [[ "$(curl -s --max-time 2 http://127.0.0.1:18081/q/health/ready \
      | python3 -c 'import json,sys; print(json.load(sys.stdin).get("status"))' 2>/dev/null)" == UP ]]
  }
  wait_until image-run 120 "capture-service from its image: ready on :18081" image_ready
  stop_component image-run 30 || fail_with_log "capture-service's image did not stop" "$(log_file image-run)"
  ok "capture-service ran from its image, as uid 185, on the image's own Java"
fi
ok "images: $(printf 'leadstream/%s ' "${SERVICES[@]}")(tag $version) in $REGISTRY"
