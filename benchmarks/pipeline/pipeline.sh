#!/usr/bin/env bash
# P1 and P8 (quality.md, issue 13): the running suite under load, each figure against a baseline measured in the same
# run on the same machine (this machine is shared and noisy).
#
#   benchmarks/pipeline/pipeline.sh            P1 and P8; the results replace their sections of docs/benchmarks.md
#   benchmarks/pipeline/pipeline.sh --smoke    a few seconds of each, nothing written (CI runs it after the system
#                                              tests: the harness still works, nothing is lost, nothing refused)
#   options: --p1-connections N (8)  --p1-seconds N (30)  --p8-rates R,R,... (10,20,40,80)  --p8-seconds N (60)
#
# Needs the whole suite up (deploy/local/up.sh) and the generator built (./mvnw -pl benchmarks/pipeline -am package
# -DskipTests, or the root install). The leads it sends stay in the local suite (source api, emails @load.example).
#   P1  POST /api/leads from N clients in a closed loop vs pgbench inserting one lead + one outbox row per transaction
#       at the same concurrency into a database of its own (pipeline_bench: capture's V1 lead table and the chassis
#       outbox, lead-insert.pgbench),
#       before and after; ratio = throughput / baseline.
#   P6  each service's ready time (its log's last start) and resident memory (sampled during P8)
#   P8  new leads at each arrival rate in turn (an open model) for --p8-seconds, each followed through Kafka until
#       scored, decided by distribution and, when assigned, opened by nurture; CPU seconds per lead per service. It
#       stops at the first rate the pipeline does not keep up with (a lead not through 10 s after the last arrival).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

SMOKE=0
P1_CONNECTIONS=8 P1_SECONDS=30 P1_WARMUP=5
P8_RATES=10,20,40,80 P8_SECONDS=60 P8_DRAIN=60
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1; P1_CONNECTIONS=2; P1_SECONDS=4; P1_WARMUP=1; P8_RATES=5; P8_SECONDS=4 ;;
    --p1-connections) P1_CONNECTIONS="$2"; shift ;;
    --p1-seconds) P1_SECONDS="$2"; shift ;;
    --p8-rates) P8_RATES="$2"; shift ;;
    --p8-seconds) P8_SECONDS="$2"; shift ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done

DB=pipeline_bench
CP="$HERE/target/classpath.txt"
mkdir -p "$LOG_DIR"
BENCH_LOG="$(log_file pipeline-bench)"
: >"$BENCH_LOG"

step "P1 and P8: the pipeline under load"
for s in "${SERVICES[@]}"; do
  pid="$(tr -dc '0-9' <"$(pid_file "$s")" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || die "$s is not running — run deploy/local/up.sh first"
done
[[ -f "$CP" && -d "$HERE/target/classes" ]] \
  || die "the generator is not built — run ./mvnw -pl benchmarks/pipeline -am package -DskipTests"
command -v pgbench >/dev/null || die "pgbench missing (PostgreSQL's client package)"
ensure_java

# the baseline's database: the lead table and the outbox, fresh
fresh_database "$DB" "$BENCH_LOG"
cleanup() { as_postgres psql -p "$PG_PORT" -d postgres -q -c "drop database if exists $DB with (force)" >>"$BENCH_LOG" 2>&1 || true; }
trap cleanup EXIT
PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -v ON_ERROR_STOP=1 -q \
  -f "$REPO/capture-service/src/main/resources/db/migration/V1__lead.sql" \
  -f "$REPO/chassis/src/main/resources/db/chassis/V0_1__chassis_outbox.sql" >>"$BENCH_LOG" 2>&1 \
  || fail_with_log "the baseline's tables could not be made" "$BENCH_LOG"

pids=""
for s in "${SERVICES[@]}"; do pids+="${pids:+,}$s=$(tr -dc '0-9' <"$(pid_file "$s")")"; done
generator() { "$JAVA" -Xmx512m -cp "$HERE/target/classes:$(cat "$CP")" io.leadstream.benchmarks.pipeline.Main "$@"; }

p1="$(mktemp)"
PGPASSWORD=$DB generator p1 --connections "$P1_CONNECTIONS" --seconds "$P1_SECONDS" --warmup "$P1_WARMUP" \
  --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
  --pgbench "pgbench -h 127.0.0.1 -p $PG_PORT -U $DB -d $DB -f $HERE/lead-insert.pgbench" \
  >"$p1" 2>>"$BENCH_LOG" || { cat "$p1"; fail_with_log "P1: the suite refused or lost requests" "$BENCH_LOG"; }
ok "P1 measured"; cat "$p1"

p8="$(mktemp)"
kept=""
IFS=, read -ra rates <<<"$P8_RATES"
for rate in "${rates[@]}"; do
  out="$(mktemp)"
  rc=0
  generator p8 --rate "$rate" --seconds "$P8_SECONDS" --drain "$P8_DRAIN" --pids "$pids" \
    --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
    --kafka "127.0.0.1:$KAFKA_PORT" >"$out" 2>>"$BENCH_LOG" || rc=$?
  { echo "#### $rate leads/s for $P8_SECONDS s"; echo; cat "$out"; echo; } >>"$p8"
  cat "$out"
  ((rc == 0)) || fail_with_log "P8 at $rate leads/s: the suite refused or lost leads" "$BENCH_LOG"
  through="$(grep -o 'every lead through in | [0-9.]* s' "$out" | grep -o '[0-9.]* s' | tr -dc '0-9.')"
  if [[ -z "$through" ]] || awk -v t="$through" 'BEGIN { exit !(t > 10) }'; then
    ok "P8: $rate leads/s is more than the pipeline keeps up with"
    break
  fi
  kept="$rate"
  ok "P8: $rate leads/s kept up with"
done

# P6's ready time: what Quarkus said at each service's last start (deploy/local/up.sh starts all five at once)
ready=""
for s in "${SERVICES[@]}"; do
  t="$(grep -ho 'started in [0-9.]*s' "$(log_file "$s")" 2>/dev/null | tail -n1 | tr -dc '0-9.')"
  ready+="${ready:+, }${s%-service} ${t:-?} s"
done
ok "ready times at the last start: $ready"

if ((SMOKE)); then
  ok "smoke run passed (nothing refused, nothing lost); nothing written"
  exit 0
fi

doc="$REPO/docs/benchmarks.md"
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo), PostgreSQL $(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc 'show server_version'), $("$JAVA" -version 2>&1 | head -n1); the whole suite, the engines and the load generator on the same machine"
replace_section() { # name file
  python3 - "$doc" "$1" "$2" <<'PY'
import re, sys
doc, name, section = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding="utf-8").read().rstrip("\n")
text = open(doc, encoding="utf-8").read()
begin, end = f"<!-- {name} begin", f"<!-- {name} end -->"
if begin in text:
    text = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w", encoding="utf-8").write(text)
PY
}
section="$(mktemp)"
{
  echo "<!-- P1 begin: written by benchmarks/pipeline/pipeline.sh -->"
  echo "### P1 — \`POST /api/leads\` at $P1_CONNECTIONS clients ($(date -u +%Y-%m-%d))"
  echo
  echo "\`benchmarks/pipeline/pipeline.sh\` on $machine."
  echo
  cat "$p1"
  echo "<!-- P1 end -->"
} >"$section"
replace_section P1 "$section"
{
  echo "<!-- P8 begin: written by benchmarks/pipeline/pipeline.sh -->"
  echo "### P8 — the pipeline at fixed arrival rates ($(date -u +%Y-%m-%d))"
  echo
  baseline="$(grep -o '[0-9]* tx/s before, [0-9]* after' "$p1" | awk '{print ($1 + $4) / 2}')"
  echo "\`benchmarks/pipeline/pipeline.sh\` on $machine. Rates tried in turn, $P8_SECONDS s each, until one was more than the pipeline kept up with (a lead not through 10 s after the last arrival); highest kept up with: **${kept:-none} leads/s** (bar: 500), against the database's own ceiling in the same run, pgbench's ${baseline:-?} lead + outbox transactions/s (P1's baseline): ratio **$(awk -v k="${kept:-0}" -v b="${baseline:-0}" 'BEGIN { if (b > 0) printf "%.3f", k / b; else print "?" }')**."
  echo
  cat "$p8"
  echo "<!-- P8 end -->"
} >"$section"
replace_section P8 "$section"
{
  echo "<!-- P6 begin: written by benchmarks/pipeline/pipeline.sh -->"
  echo "### P6 — footprint ($(date -u +%Y-%m-%d))"
  echo
  echo "Ready time at each service's last start (Quarkus' own \"started in\", the five started at once by \`deploy/local/up.sh\` on 2 cores; bar < 5 s): $ready. Resident memory before and under load: the \"RSS MB\" row of each P8 rate above (bar < 300 MB per service)."
  echo "<!-- P6 end -->"
} >"$section"
replace_section P6 "$section"
ok "results written to $(rel "$doc")"
