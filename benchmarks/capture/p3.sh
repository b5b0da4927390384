#!/usr/bin/env bash
# P3 (quality.md): 100 000-row CSV and NDJSON imports through POST /api/leads/import against PostgreSQL's COPY of the
# same rows into a bare table, in the same run on the same machine (ratio: import rows/s ÷ COPY rows/s, bar ≥ 0.25),
# with capture's resident memory sampled every second during each import (it streams: memory should stay flat).
#
#   benchmarks/capture/p3.sh              100 000 rows per format; the results replace the P3 section of docs/benchmarks.md
#   benchmarks/capture/p3.sh --smoke      1 000 rows per format, nothing written (CI: the harness works, nothing refused;
#                                         about 40 s)
#   options: --rows N  --keep (leave the benchmark database and service up)
#
# Needs PostgreSQL and Keycloak (deploy/local/up.sh --engines-only, or the whole suite) and capture-service built
# (deploy/local/up.sh --build, or ./mvnw -pl capture-service -am package -DskipTests). It never imports into the local
# suite's capture (the leads would flood scoring and distribution): it starts a second capture-service on :8096
# against a database of its own, capture_bench (Flyway migrates it; its Kafka channels point nowhere, so it reads no
# event and joins no consumer group; its outbox relay is off, so the lead.captured events stay in its outbox), and
# runs p3.py: the rows (deterministic), COPY before, a warm-up import, the CSV and the NDJSON import with a
# client-credentials token of crm-app (role integration), COPY after, and the checks (every row created once, nothing
# rejected, failed, merged or lost). It stops what it started and drops the database.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

ROWS=100000
WARMUP=500
SMOKE=0
KEEP=0
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1; ROWS=1000; WARMUP=200 ;;
    --rows) ROWS="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done

DB=capture_bench
PORT=8096
mkdir -p "$LOG_DIR"
BENCH_LOG="$(log_file capture-bench)"
: >"$BENCH_LOG"

step "P3: bulk import of $ROWS rows (CSV and NDJSON) vs COPY"

bench_copy capture-service "$PORT" "$DB" "$BENCH_LOG"
ok "capture-service on :$PORT (pid $BENCH_PID), migrated; Kafka nowhere, relay off"

results="$(mktemp)"
python3 "$HERE/p3.py" --base "http://127.0.0.1:$PORT" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
  --pid "$BENCH_PID" --db "$DB" --pg-port "$PG_PORT" --rows "$ROWS" --warmup "$WARMUP" --markdown "$results" \
  || fail_with_log "P3: the import refused, lost or doubled rows (above)" "$BENCH_LOG"
grep -h 'import by .* finished after' "$BENCH_LOG" | sed 's/^/    capture: /' | tail -n 3 || true

if ((SMOKE)); then
  ok "smoke run passed (every row created once, nothing rejected or lost); nothing written"
  exit 0
fi

pg_version="$(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc 'show server_version')"
section="$(mktemp)"
{
  echo "<!-- P3 begin: written by benchmarks/capture/p3.sh -->"
  echo "### P3 — bulk import of $(printf "%'d" "$ROWS") rows vs COPY ($(date -u +%Y-%m-%d))"
  echo
  echo "\`benchmarks/capture/p3.sh --rows $ROWS\` on $(bench_machine), PostgreSQL $pg_version, $("$JAVA" -version 2>&1 | head -n1);" \
       "a capture-service of its own (database capture_bench, relay off, nothing consuming), curl and psql on the same machine."
  echo
  cat "$results"
  echo "<!-- P3 end -->"
} >"$section"
doc_section P3 "$section"
ok "results written to $(rel "$REPO/docs/benchmarks.md")"
