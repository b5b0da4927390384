#!/usr/bin/env bash
# Start the Leadstream suite on this machine, without containers:
#   PostgreSQL (OS package) -> Kafka (KRaft) -> Keycloak (realm leads) -> GreenMail (SMTP)
#   -> the five services -> reps.
#
#   deploy/local/up.sh                  everything (builds the services if a jar is missing)
#   deploy/local/up.sh --build          everything, rebuilding the services first
#   deploy/local/up.sh --engines-only   PostgreSQL, Kafka, Keycloak and GreenMail only
#   deploy/local/up.sh --services-only  the services and reps only (engines must be up)
#
# Idempotent: whatever already runs is reused. State, downloads and logs: .leadstream/
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { usage_from_header "$0"; }

ENGINES=1 SERVICES_TOO=1 FORCE_BUILD=0
while (($#)); do
  case "$1" in
    --engines-only) SERVICES_TOO=0 ;;
    --services-only) ENGINES=0 ;;
    --build) FORCE_BUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done
((ENGINES || SERVICES_TOO)) || die "--engines-only and --services-only exclude each other"

T0="$(now_s)"
step "JDK"
ensure_java

if ((ENGINES)); then
  ensure_postgres
  ensure_kafka
  ensure_keycloak
  ensure_greenmail
fi

if ((SERVICES_TOO)); then
  if ! reactor_present; then
    warn "no Maven reactor yet ($(rel "$REPO")/pom.xml with the five service modules): services not started"
    info "engines are up in $(( $(now_s) - T0 )) s"
    exit 0
  fi
  if ((FORCE_BUILD)) || ! all_jars_present; then
    build_services
  fi
  if ((!ENGINES)); then
    port_open "$PG_PORT" || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT — run deploy/local/up.sh --engines-only first"
    port_open "$KAFKA_PORT" || die "Kafka does not answer on $KAFKA_BOOTSTRAP — run deploy/local/up.sh --engines-only first"
    keycloak_ready || die "Keycloak realm leads does not answer on $KC_REALM_URL — run deploy/local/up.sh --engines-only first"
  fi
  start_services
  register_reps
  print_endpoints
fi

echo
ok "up in $(( $(now_s) - T0 )) s"
