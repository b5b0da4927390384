#!/usr/bin/env bash
# P7 (quality.md, issue 13): what Hibernate Reactive costs on capture's hot path. capture-service's opt-in
# LeadInsertBenchmark stores the same lead rows, in rotating rounds, through (a) Hibernate Reactive as LeadIntake
# did before P7 (Panache.withTransaction, lead.persist(), Outbox.record: lead + outbox row + notify in one
# transaction), (b) the reactive PG client's prepared inserts of the same columns on the same pool
# (Pool.withTransaction) and (c) LeadIntake's hot path as built (LeadRowRepository's and the Outbox's prepared inserts
# on the Panache transaction's connection); it prints the inserts/s of each and the ratios a / b (bar >= 0.7; below,
# the hot path moves to the plain client) and c / b.
#
#   benchmarks/capture/p7.sh            5 000 transactions per round and path, 3 rounds each, 8 in flight; the
#                                       results replace the P7 section of docs/benchmarks.md
#   benchmarks/capture/p7.sh --smoke    200 per round, 1 round each, nothing written (CI: the benchmark still runs
#                                       and stores every row)
#   options: --rows N (5000)  --rounds N (3)  --concurrency N (8)
#
# Needs nothing running: the test brings its own PostgreSQL (the chassis' embedded server, in a temporary directory,
# removed at the end; fsync and synchronous_commit off), never the local suite's. Maven runs offline, through the
# shared lock (/tmp/leadstream-maven.lock), so it waits for another build on this machine to finish.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

SMOKE=0 ROWS=5000 ROUNDS=3 CONCURRENCY=8
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1; ROWS=200; ROUNDS=1 ;;
    --rows) ROWS="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done

ensure_java
LOG="$(log_file p7-bench)"
: >"$LOG"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
step "P7: Hibernate Reactive persist vs the reactive PG client's prepared insert, and capture's hot path ($ROWS per round, $ROUNDS rounds, $CONCURRENCY in flight)"
# -am: the chassis as this tree has it (installing nothing); up to the test phase (no jar, no Quarkus packaging);
# surefire runs only the benchmark
if ! (cd "$REPO" && flock /tmp/leadstream-maven.lock ./mvnw -B -o --no-transfer-progress -pl capture-service -am test \
    -Dleadstream.benchmark=true -Dtest=LeadInsertBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Dleadstream.benchmark.p7.rows="$ROWS" -Dleadstream.benchmark.p7.rounds="$ROUNDS" \
    -Dleadstream.benchmark.p7.concurrency="$CONCURRENCY" -Dleadstream.benchmark.p7.out="$out") >"$LOG" 2>&1; then
  fail_with_log "P7: the benchmark failed (a row not stored, or the build)" "$LOG"
fi
[[ -s "$out" ]] || fail_with_log "P7: the benchmark wrote no figures (did it run? -Dleadstream.benchmark=true)" "$LOG"
ok "P7 measured"
cat "$out"

if ((SMOKE)); then
  ok "smoke run passed (every row stored); nothing written"
  exit 0
fi

doc="$REPO/docs/benchmarks.md"
machine="$(bench_machine); the JVM and the database in the table"
section="$(mktemp)"
{
  echo "<!-- P7 begin: written by benchmarks/capture/p7.sh -->"
  echo "### P7 — Hibernate Reactive persist vs the reactive PG client's prepared insert, and capture's hot path ($(date -u +%Y-%m-%d))"
  echo
  echo "\`benchmarks/capture/p7.sh\` (capture-service's \`LeadInsertBenchmark\`) on $machine. The three paths store the same lead rows (every column Hibernate inserts) and the same \`lead.captured\` outbox row and \`notify\`, one transaction per lead, on the same connection pool; de-duplication, validation and HTTP are left out of all three."
  echo
  cat "$out"
  echo "<!-- P7 end -->"
} >"$section"
doc_section P7 "$section"
rm -f "$section"
ok "results written to $(rel "$doc")"
