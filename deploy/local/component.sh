#!/usr/bin/env bash
# Stop, kill or start one part of the running local suite (what up.sh started), for the fault suite
# (system-tests/faults.sh) and for trying an outage by hand.
#
#   deploy/local/component.sh stop  NAME   a graceful stop (SIGTERM; PostgreSQL: a fast shutdown), waits until gone
#   deploy/local/component.sh kill  NAME   no grace (kill -9 of its process group; PostgreSQL: an immediate shutdown,
#                                          as a crash: the next start replays its write-ahead log)
#   deploy/local/component.sh start NAME   starts it again as up.sh does, returns once it is ready
#
# NAME: capture-service, scoring-service, distribution-service, nurture-service, insights-service, kafka or postgresql;
# or capture-service-replica: a second capture on :8091 (management :9091) sharing capture's database and consumer
# group, as a second replica behind a load balancer (down.sh stops it too).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 2)) || { usage_from_header "$0" >&2; exit 2; }
ACTION="$1" NAME="$2"
case "$ACTION" in stop|kill|start) ;; -h|--help) usage_from_header "$0"; exit 0 ;; *) usage_from_header "$0" >&2; die "unknown action: $ACTION" ;; esac

is_service() { [[ -n "${SERVICE_PORT[$1]:-}" ]]; }

kill_component() {
  local pid i
  if ! pid="$(pid_of "$1")"; then
    info "$1 is not running"
    return 0
  fi
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do group_alive "$pid" || break; sleep 0.25; done
  group_alive "$pid" && die "$1 (process group $pid) survived kill -9"
  rm -f "$(pid_file "$1")"
  ok "$1 killed (kill -9, pid $pid)"
}

postgres() {
  local c ver name port status
  c="$(pg_cluster)" || die "no PostgreSQL cluster"
  read -r ver name port status <<<"$c"
  case "$1" in
    stop|kill)
      [[ "$status" == online* ]] || { info "PostgreSQL $ver/$name is not running"; return 0; }
      as_root pg_ctlcluster "$ver" "$name" stop -m "$([[ "$1" == kill ]] && echo immediate || echo fast)" \
        >>"$(log_file postgresql)" 2>&1 || fail_with_log "could not stop PostgreSQL $ver/$name" "$(log_file postgresql)"
      ok "PostgreSQL $ver/$name stopped ($([[ "$1" == kill ]] && echo immediate || echo fast) shutdown)" ;;
    start)
      if [[ "$status" != online* ]]; then
        as_root pg_ctlcluster "$ver" "$name" start >>"$(log_file postgresql)" 2>&1 \
          || fail_with_log "could not start PostgreSQL $ver/$name" "$(log_file postgresql)"
      fi
      local i
      for ((i = 0; i < 60; i++)); do
        PGPASSWORD=capture PGCONNECT_TIMEOUT=2 psql -h 127.0.0.1 -p "$port" -U capture -d capture -Atqc 'select 1' \
          >/dev/null 2>&1 && { ok "PostgreSQL $ver/$name accepts connections"; return 0; }
        sleep 1
      done
      die "PostgreSQL $ver/$name did not accept connections in 60 s" ;;
  esac
}

case "$NAME" in
  postgresql) postgres "$ACTION" ;;
  kafka)
    case "$ACTION" in
      stop) stop_kafka ;;
      kill) kill_component kafka ;;
      start) ensure_java; ensure_kafka ;;
    esac ;;
  *)
    is_service "$NAME" || die "unknown component: $NAME (a service, kafka or postgresql)"
    case "$ACTION" in
      stop) stop_component "$NAME" 30 ;;
      kill) kill_component "$NAME" ;;
      start) ensure_java; start_service "$NAME" ;;
    esac ;;
esac
