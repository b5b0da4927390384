#!/usr/bin/env bash
# P1, P8, P2 and P6 (quality.md, issue 13): the running suite under load, each figure against a baseline measured in
# the same run on the same machine (this machine is shared and noisy).
#
#   benchmarks/pipeline/pipeline.sh            P1, P8, P2 and P6; the results replace their sections of
#                                              docs/benchmarks.md
#   benchmarks/pipeline/pipeline.sh --smoke    a few seconds of each, nothing written (CI runs it after the system
#                                              tests: the harness still works, nothing is lost, nothing refused)
#   options: --p1-connections N (8)  --p1-seconds N (30)  --p8-rates R,R,... (10,20,40,80)  --p8-seconds N (60)
#            --p2-rate R (200; without it, P8's highest kept-up rate when that is lower)  --p2-seconds N (120)
#            --figures p1,p8,p2 (all three; only those run and only their sections are written, P6 with P8)
#
# Needs the whole suite up (deploy/local/up.sh) and the generator built (./mvnw -pl benchmarks/pipeline -am package
# -DskipTests, or the root install). The leads it sends stay in the local suite (source api, emails @load.example).
#   P1  POST /api/leads from N clients in a closed loop vs pgbench inserting one lead + one outbox row per transaction
#       at the same concurrency into a database of its own (pipeline_bench_<pid>: capture's V1 lead table and the chassis
#       outbox, lead-insert.pgbench),
#       before and after; ratio = throughput / baseline.
#   P6  each service's ready time (its log's last start) and resident memory (sampled during P8); the whole local
#       suite's memory (the five services, Kafka, Keycloak, every PostgreSQL process, GreenMail: footprint.py),
#       before the first load and at most during all of them
#   P8  new leads at each arrival rate in turn (an open model) for --p8-seconds, each followed through Kafka until
#       scored, decided by distribution and, when assigned, opened by nurture; CPU seconds per lead per service. It
#       stops at the first rate the pipeline does not keep up with (a lead not through 10 s after the last arrival).
#   P2  new leads at one fixed arrival rate (an open model) for --p2-seconds; per lead, the time from the 201 until its
#       lead.scored and lead.assigned are visible to a consumer, p50/p99/p99.9/max, taken 30 s after the last arrival
#       (a lead not through by then counts at its wait so far, a lower bound); then followed until the pipeline is
#       idle again: a lead never through is lost. Baseline: Kafka's own EndToEndLatency tool on the same broker, on a
#       throw-away topic, records as large as our events, as many as P2's leads (at most 10 000), just before.
#       When P8 ran and kept up with less than the P2 rate (and --p2-rate was not given), P2 runs at P8's rate: at a
#       rate the pipeline does not keep up with, the leads would queue for minutes and the figure would measure the
#       queue, not the pipeline (the section says so).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

SMOKE=0
P1_CONNECTIONS=8 P1_SECONDS=30 P1_WARMUP=5
P8_RATES=10,20,40,80 P8_SECONDS=60 P8_DRAIN=60
P2_RATE=200 P2_RATE_GIVEN=0 P2_SECONDS=120 P2_DRAIN=600 P2_BASELINE_MAX=10000
FIGURES=p1,p8,p2
ARGS="$*"
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1; P1_CONNECTIONS=2; P1_SECONDS=4; P1_WARMUP=1; P8_RATES=5; P8_SECONDS=4
             P2_RATE=5; P2_SECONDS=5; P2_DRAIN=60; P2_BASELINE_MAX=100 ;;
    --p1-connections) P1_CONNECTIONS="$2"; shift ;;
    --p1-seconds) P1_SECONDS="$2"; shift ;;
    --p8-rates) P8_RATES="$2"; shift ;;
    --p8-seconds) P8_SECONDS="$2"; shift ;;
    --p2-rate) P2_RATE="$2"; P2_RATE_GIVEN=1; shift ;;
    --p2-seconds) P2_SECONDS="$2"; shift ;;
    --figures) FIGURES="$2"; shift ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done

# a database (and role) of this run's own: two runs at once (CI's smoke run next to someone's full run) must not drop
# each other's baseline database
DB="pipeline_bench_$$"
CP="$HERE/target/classpath.txt"
mkdir -p "$LOG_DIR"
BENCH_LOG="$(log_file pipeline-bench)"
printf '\n===== %s: pipeline.sh %s (pid %s)\n' "$(date '+%F %T')" "$ARGS" "$$" >>"$BENCH_LOG"

runs() { [[ ",$FIGURES," == *",$1,"* ]]; }
step "${FIGURES//,/, }: the pipeline under load"
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
E2E_TOPIC="leadstream-bench-e2e-$$"
FOOTPRINT="$(mktemp)" FOOTPRINT_PID=""
cleanup() {
  as_postgres psql -p "$PG_PORT" -d postgres -q -c "drop database if exists $DB with (force)" -c "drop role if exists $DB" \
    >>"$BENCH_LOG" 2>&1 || true
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --delete --if-exists \
    --topic "$E2E_TOPIC" >>"$BENCH_LOG" 2>&1 || true
  if [[ -n "$FOOTPRINT_PID" ]]; then touch "$FOOTPRINT.stop"; wait "$FOOTPRINT_PID" 2>/dev/null || true; fi
  rm -f "$FOOTPRINT" "$FOOTPRINT.stop"
}
trap cleanup EXIT
PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -v ON_ERROR_STOP=1 -q \
  -f "$REPO/capture-service/src/main/resources/db/migration/V1__lead.sql" \
  -f "$REPO/chassis/src/main/resources/db/chassis/V0_1__chassis_outbox.sql" >>"$BENCH_LOG" 2>&1 \
  || fail_with_log "the baseline's tables could not be made" "$BENCH_LOG"

pids=""
for s in "${SERVICES[@]}"; do pids+="${pids:+,}$s=$(tr -dc '0-9' <"$(pid_file "$s")")"; done
generator() { "$JAVA" -Xmx512m -cp "$HERE/target/classes:$(cat "$CP")" io.leadstream.benchmarks.pipeline.Main "$@"; }

# P6: the whole suite's memory, from before the first load until after the last (each component with its children)
footprint=()
read -r pg_version pg_name _ _ <<<"$(pg_cluster || true)"
footprint+=("postgresql=$(head -n1 "/var/run/postgresql/$pg_version-$pg_name.pid" 2>/dev/null | tr -dc '0-9')")
for c in "${SERVICES[@]}" kafka keycloak greenmail; do footprint+=("${c%-service}=$(pid_of "$c" || true)"); done
python3 "$HERE/footprint.py" watch "$FOOTPRINT" "${footprint[@]}" 2>>"$BENCH_LOG" &
FOOTPRINT_PID=$!

p1="$(mktemp)"
if runs p1; then
  PGPASSWORD=$DB generator p1 --connections "$P1_CONNECTIONS" --seconds "$P1_SECONDS" --warmup "$P1_WARMUP" \
    --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
    --pgbench "pgbench -h 127.0.0.1 -p $PG_PORT -U $DB -d $DB -f $HERE/lead-insert.pgbench" \
    >"$p1" 2>>"$BENCH_LOG" || { cat "$p1"; fail_with_log "P1: the suite refused or lost requests" "$BENCH_LOG"; }
  ok "P1 measured"; cat "$p1"
fi

p8="$(mktemp)"
kept="" tried=""
IFS=, read -ra rates <<<"$P8_RATES"
runs p8 || rates=()
for rate in "${rates[@]}"; do
  tried="${tried:-$rate}"
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

# P2: its rate, Kafka's own end-to-end latency on the same broker, then the leads
p2="$(mktemp)" p2_note=""
if runs p2; then
  if runs p8 && ((!P2_RATE_GIVEN)) && awk -v k="${kept:-0}" -v r="$P2_RATE" 'BEGIN { exit !(k < r) }'; then
    if [[ -n "$kept" ]]; then
      p2_note="The bar's $P2_RATE leads/s could not be tried: P8 in the same run kept up with $kept leads/s at most, and at a rate the pipeline does not keep up with the leads queue for minutes (the figure would measure the queue, not the pipeline, and leave the suite draining long after). P2 ran at $kept leads/s."
      P2_RATE="$kept"
    else
      p2_note="The bar's $P2_RATE leads/s could not be tried: P8 in the same run kept up with none of its rates, not even $tried leads/s. P2 ran at $tried leads/s, more than the pipeline keeps up with: the figures below measure its queue."
      P2_RATE="$tried"
    fi
    warn "P2: $p2_note"
  fi
  p2_leads="$(awk -v r="$P2_RATE" -v s="$P2_SECONDS" -v m="$P2_BASELINE_MAX" 'BEGIN { n = int(r * s + 0.5); print (n > m ? m : n) }')"
  # records as large as the events P2 times (the last ones on their topics), key, headers and all
  read -r e2e_key e2e_value e2e_headers e2e_hkey e2e_hvalue < <(generator record-sizes --kafka "127.0.0.1:$KAFKA_PORT" \
    2>>"$BENCH_LOG" || echo "36 900 7 9 23")
  generator quiet 2>>"$BENCH_LOG" || true
  e2e="$(mktemp)"
  { kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --topic "$E2E_TOPIC" \
      --partitions 1 --replication-factor 1 \
    && "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$KAFKA_HOME/tools-log4j2.properties" -cp "$KAFKA_LIBS/*" \
      org.apache.kafka.tools.EndToEndLatency --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$E2E_TOPIC" \
      --num-records "$p2_leads" --producer-acks all --record-size "$e2e_value" --record-key-size "$e2e_key" \
      --num-headers "$e2e_headers" --record-header-key-size "$e2e_hkey" --record-header-size "$e2e_hvalue" \
    && kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --delete \
      --topic "$E2E_TOPIC"; } >"$e2e" 2>>"$BENCH_LOG" || fail_with_log "P2's baseline: Kafka's EndToEndLatency failed" "$BENCH_LOG"
  read -r k50 k99 k999 < <(sed -n 's/^Percentiles: 50th = \([0-9.]*\), 99th = \([0-9.]*\), 99.9th = \([0-9.]*\).*/\1 \2 \3/p' "$e2e")
  kavg="$(sed -n 's/^Avg latency: \([0-9.]*\) ms.*/\1/p' "$e2e")"
  [[ -n "$k99" ]] || { cat "$e2e" >>"$BENCH_LOG"; fail_with_log "P2's baseline: no percentiles from EndToEndLatency" "$BENCH_LOG"; }
  baseline="p50 / p99 / p99.9 $k50 / $k99 / $k999 ms, mean $kavg ms ($p2_leads records one at a time, acks=all, value $e2e_value B, key $e2e_key B, $e2e_headers headers, as our events)"
  ok "P2's baseline, Kafka's EndToEndLatency: $baseline"
  out="$(mktemp)"
  rc=0
  generator p2 --rate "$P2_RATE" --seconds "$P2_SECONDS" --drain "$P2_DRAIN" \
    --baseline "$baseline" --baseline-p99 "$k99" \
    --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
    --kafka "127.0.0.1:$KAFKA_PORT" >"$out" 2>>"$BENCH_LOG" || rc=$?
  { echo "#### $P2_RATE leads/s for $P2_SECONDS s"; echo; cat "$out"; } >"$p2"
  cat "$out"
  ((rc == 0)) || fail_with_log "P2 at $P2_RATE leads/s: the suite refused or lost leads" "$BENCH_LOG"
  ok "P2 measured"
fi

# P6: the whole suite's memory
touch "$FOOTPRINT.stop"; wait "$FOOTPRINT_PID" || true; FOOTPRINT_PID=""
p6="$(mktemp)"
python3 "$HERE/footprint.py" report "$FOOTPRINT" >"$p6" || fail_with_log "P6: the suite's memory was not sampled" "$BENCH_LOG"
cat "$p6"

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
machine="$(bench_machine), PostgreSQL $(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc 'show server_version'), $("$JAVA" -version 2>&1 | head -n1); the whole suite, the engines and the load generator on the same machine"
section="$(mktemp)"
if runs p1; then
  {
    echo "<!-- P1 begin: written by benchmarks/pipeline/pipeline.sh -->"
    echo "### P1 — \`POST /api/leads\` at $P1_CONNECTIONS clients ($(date -u +%Y-%m-%d))"
    echo
    echo "\`benchmarks/pipeline/pipeline.sh\` on $machine."
    echo
    cat "$p1"
    echo "<!-- P1 end -->"
  } >"$section"
  doc_section P1 "$section"
fi
if runs p8; then
  {
    echo "<!-- P8 begin: written by benchmarks/pipeline/pipeline.sh -->"
    echo "### P8 — the pipeline at fixed arrival rates ($(date -u +%Y-%m-%d))"
    echo
    baseline="$(grep -o '[0-9]* tx/s before, [0-9]* after' "$p1" | awk '{print ($1 + $4) / 2}' || true)" # none without P1
    echo "\`benchmarks/pipeline/pipeline.sh\` on $machine. Rates tried in turn, $P8_SECONDS s each, until one was more than the pipeline kept up with (a lead not through 10 s after the last arrival); highest kept up with: **${kept:-none} leads/s** (bar: 500), against the database's own ceiling in the same run, pgbench's ${baseline:-?} lead + outbox transactions/s (P1's baseline): ratio **$(awk -v k="${kept:-0}" -v b="${baseline:-0}" 'BEGIN { if (b > 0) printf "%.3f", k / b; else print "?" }')**."
    echo
    cat "$p8"
    echo "<!-- P8 end -->"
  } >"$section"
  doc_section P8 "$section"
  {
    echo "<!-- P6 begin: written by benchmarks/pipeline/pipeline.sh -->"
    echo "### P6 — footprint ($(date -u +%Y-%m-%d))"
    echo
    echo "Ready time at each service's last start (Quarkus' own \"started in\", the five started at once by \`deploy/local/up.sh\` on 2 cores; bar < 5 s): $ready. Resident memory of each service before and under load: the \"RSS MB\" row of each P8 rate above (bar < 300 MB per service)."
    echo
    echo "The whole local suite (bar < 4 GB), each component with all its processes (PostgreSQL: the postmaster and every backend and worker, the other benchmarks' and tools' connections included; Keycloak: kc.sh and its JVM), sampled by \`benchmarks/pipeline/footprint.py\` (RSS every second, PSS every fifth) from before the first load (idle) until after the last ($FIGURES):"
    echo
    cat "$p6"
    echo "<!-- P6 end -->"
  } >"$section"
  doc_section P6 "$section"
fi
if runs p2; then
  {
    echo "<!-- P2 begin: written by benchmarks/pipeline/pipeline.sh -->"
    echo "### P2 — end-to-end latency at a fixed arrival rate ($(date -u +%Y-%m-%d))"
    echo
    echo "\`benchmarks/pipeline/pipeline.sh\` on $machine. Leads sent on their ticks (an open model) for $P2_SECONDS s; per lead, the time from capture's 201 until its \`lead.scored\` and its \`lead.assigned\` were visible to a consumer; figures taken 30 s after the last arrival at the latest (a lead not through by then counts at its wait so far: ≥), then followed until the pipeline was idle again. Baseline: Kafka's own \`EndToEndLatency\` on the same broker just before (a throw-away topic); bar: p99 < 250 ms at 200 leads/s, no lead missing.${p2_note:+ **$p2_note**}"
    echo
    cat "$p2"
    echo "<!-- P2 end -->"
  } >"$section"
  doc_section P2 "$section"
fi
ok "results written to $(rel "$doc")"
