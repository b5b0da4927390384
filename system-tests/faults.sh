#!/usr/bin/env bash
# The fault suite (issue 14, quality.md R1–R8): scenarios that drive the running suite with a recording client
# (system-tests' FaultRecord: every request, its response, and the lead events read back from Kafka), inject their
# fault (deploy/local/component.sh kills, stops and starts a service, Kafka or PostgreSQL; psql takes a database away;
# a TCP fault proxy in the test puts latency, resets and a black hole between scoring and PostgreSQL, and between capture
# and Kafka through the broker's FAULTS listener),
# and check the invariants over the record. Each scenario prints one table (requests sent, acknowledged, leads found,
# events found, copies of an event published again, duplicates, losses); this script collects them into
# docs/reliability.md with the command, the date and the machine. The whole run takes about 6 minutes.
#
#   system-tests/faults.sh              brings the suite up if it is not (deploy/local/up.sh), runs every scenario
#                                       (the Reliability*Test classes), writes docs/reliability.md
#   system-tests/faults.sh --no-write   the same, writing nothing
#
# CI runs the scenarios as part of the system tests (deploy/local/test.sh), without writing the document, except the
# longest (JUnit tag long-fault: R1, R3, R4, R6, the network faults), which only this script runs (CI stays under 40 min).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../deploy/local/lib.sh
source "$HERE/../deploy/local/lib.sh"
WRITE=1
while (($#)); do
  case "$1" in
    --no-write) WRITE=0 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done

"$REPO/deploy/local/up.sh"
LOG="$(log_file faults)"
reports="$HERE/target/fault-reports"
rm -rf "$reports"
step "fault scenarios (Reliability*Test) on the running suite"
if ! (cd "$REPO" && flock /tmp/leadstream-maven.lock ./mvnw -B -o --no-transfer-progress verify -pl system-tests \
    -Psystem-tests -Dtest='Reliability*Test' -Dleadstream.excluded-groups=none -Dsurefire.failIfNoSpecifiedTests=false) >"$LOG" 2>&1; then
  fail_with_log "a fault scenario failed (an invariant broken: see its table and assertion)" "$LOG"
fi
shopt -s nullglob
tables=("$reports"/*.md)
((${#tables[@]})) || fail_with_log "the scenarios wrote no report (did they run?)" "$LOG"
for t in "${tables[@]}"; do cat "$t"; echo; done
ok "${#tables[@]} scenario(s) passed: no duplicate, no loss"
((WRITE)) || exit 0

doc="$REPO/docs/reliability.md"
{
  echo "# Reliability: the fault suite's last full run"
  echo
  echo "Written by \`system-tests/faults.sh\` on $(date -u +%Y-%m-%d) ($(bench_machine)); do not edit by hand. The bars"
  echo "are R1–R8 in quality.md; how the services meet them is in [events.md](events.md) (\"Delivery guarantees\")."
  echo "Each scenario drives the running local suite (\`deploy/local/up.sh\`) through a recording client and checks its"
  echo "invariants over what it sent, what came back and what reached Kafka; CI runs the same scenarios with the"
  echo "system tests, except the longest (R1, R3, R4, R6 and the network faults, tagged long-fault), which this script runs."
  echo
  for t in "${tables[@]}"; do cat "$t"; echo; done
  echo "Also shown by the system tests, outside this table: \`GracefulShutdownTest\` (a service stopped with an import in"
  echo "flight finishes it first)."
} >"$doc"
ok "written to $(rel "$doc")"
