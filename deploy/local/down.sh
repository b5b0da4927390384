#!/usr/bin/env bash
# Stop what deploy/local/up.sh started, by PID: the services, then GreenMail, Keycloak, Kafka, then
# PostgreSQL (only if up.sh started it).
#
#   deploy/local/down.sh              everything
#   deploy/local/down.sh --services   only the five services
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ONLY_SERVICES=0
while (($#)); do
  case "$1" in
    --services) ONLY_SERVICES=1 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) die "unknown option: $1 (use --services or nothing)" ;;
  esac
  shift
done

rc=0
step "Stopping the services"
stop_services || rc=1
if ((!ONLY_SERVICES)); then
  step "Stopping GreenMail"
  stop_greenmail || rc=1
  step "Stopping Keycloak"
  stop_keycloak || rc=1
  step "Stopping Kafka"
  stop_kafka || rc=1
  step "PostgreSQL"
  stop_postgres || rc=1
fi

# Anything of ours left behind? (Kafka/Keycloak JVMs running from .leadstream/, service jars)
if ((ONLY_SERVICES)); then left="$(our_processes --services)"; else left="$(our_processes)"; fi
if [[ -n "$left" ]]; then
  err "processes still running:"
  printf '%s\n' "$left" | sed 's/^/      /' >&2
  rc=1
else
  ok "nothing left running"
fi
exit "$rc"
