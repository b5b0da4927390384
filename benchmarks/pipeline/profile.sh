#!/usr/bin/env bash
# The profile behind issue 13's fixes: a JFR recording of every service while P8's generator sends leads at a fixed
# rate, then, per service, the share of samples each layer is on the stack for (own code, Hibernate, the PG client,
# Kafka, messaging, token checks, Jackson, logging, ...) and the hottest methods, printed and written as one table to
# the "Profile" section of docs/benchmarks.md.
#
#   benchmarks/pipeline/profile.sh                 20 leads/s: 30 s of warm-up unrecorded, then 40 s recorded
#   benchmarks/pipeline/profile.sh --smoke         5 leads/s for 5 s, no warm-up, nothing written (CI: the recording
#                                                  and its summary still work on every service)
#   options: --rate R  --seconds N  --warmup N (0: none)  --no-write (print only)
#
# The warm-up matters: right after a start the JIT compilers take most of a service's CPU, and JFR samples only
# threads running Java code, so a recording of a cold service has a handful of samples and says little. Each service's
# CPU time during the recording (from /proc) is printed next to its sample count, so a thin profile shows as one. On
# JDK 25 and later the CPU-time sampler (jdk.CPUTimeSample: a sample per 10 ms of a thread's CPU time) is recorded too
# and summarised instead of the wall-clock execution samples.
#
# Needs what pipeline.sh needs (the whole suite up, the generator built). Recordings: .leadstream/profiles/<service>.jfr
# (open them in JDK Mission Control for more).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

RATE=20 SECONDS_=40 WARMUP=30 WRITE=1
while (($#)); do
  case "$1" in
    --rate) RATE="$2"; shift ;;
    --seconds) SECONDS_="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --no-write) WRITE=0 ;;
    --smoke) RATE=5 SECONDS_=5 WARMUP=0 WRITE=0 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done
ensure_java
JDK_BIN="$(dirname "$JAVA")"
OUT="$LS_HOME/profiles"
mkdir -p "$OUT" "$LOG_DIR"
BENCH_LOG="$(log_file pipeline-profile)"
: >"$BENCH_LOG"
CP="$HERE/target/classpath.txt"
[[ -f "$CP" ]] || die "the generator is not built — run ./mvnw -pl benchmarks/pipeline -am package -DskipTests"

generator() {
  "$JAVA" -Xmx512m -cp "$HERE/target/classes:$(cat "$CP")" io.leadstream.benchmarks.pipeline.Main p8 "$@" \
    --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" \
    --token-url "$KC_REALM_URL/protocol/openid-connect/token" --kafka "127.0.0.1:$KAFKA_PORT" 2>>"$BENCH_LOG"
}
# CPU seconds (user + system) the process $1 has used so far
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

declare -A PID
pids=""
for s in "${SERVICES[@]}"; do
  pid="$(tr -dc '0-9' <"$(pid_file "$s")" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || die "$s is not running — run deploy/local/up.sh first"
  PID[$s]="$pid"
  pids+="${pids:+,}$s=$pid"
done
if ((WARMUP > 0)); then
  step "profile: warm-up, $RATE leads/s for $WARMUP s (not recorded: the JIT compilers' time)"
  generator --rate "$RATE" --seconds "$WARMUP" --drain 60 --pids "$pids" \
    || warn "the generator reported lost or refused leads during the warm-up (see above)"
fi

step "profile: $RATE leads/s for $SECONDS_ s, JFR on every service"
settings=(settings=profile)
if (("$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /, "", $2); print $2}')" >= 25)); then
  settings+=('jdk.CPUTimeSample#enabled=true' 'jdk.CPUTimeSample#throttle=10ms')
fi
declare -A CPU0 CPU1
for s in "${SERVICES[@]}"; do
  rm -f "$OUT/$s.jfr"
  "$JDK_BIN/jcmd" "${PID[$s]}" JFR.start name=leadstream "${settings[@]}" duration="$((SECONDS_ + 5))s" \
    filename="$OUT/$s.jfr" >>"$BENCH_LOG" 2>&1 || die "cannot start JFR in $s (pid ${PID[$s]}): see $(rel "$BENCH_LOG")"
  CPU0[$s]="$(cpu_seconds "${PID[$s]}")"
done
generator --rate "$RATE" --seconds "$SECONDS_" --drain 60 --pids "$pids" \
  || warn "the generator reported lost or refused leads (see above)"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for s in "${SERVICES[@]}"; do
  for ((i = 0; i < 30; i++)); do [[ -s "$OUT/$s.jfr" ]] && break; sleep 1; done
  [[ -s "$OUT/$s.jfr" ]] || die "$s wrote no recording ($(rel "$OUT/$s.jfr")): see $(rel "$BENCH_LOG")"
  CPU1[$s]="$(cpu_seconds "${PID[$s]}")"
  echo
  echo "== $s ($(rel "$OUT/$s.jfr"))"
  "$JDK_BIN/jfr" print --json --events jdk.CPUTimeSample,jdk.ExecutionSample "$OUT/$s.jfr" \
    | python3 "$HERE/jfr_summary.py" summary "$s" "$(awk -v a="${CPU0[$s]}" -v b="${CPU1[$s]}" 'BEGIN { printf "%.2f", b - a }')" "$results"
done

if ((WRITE)); then
  section="$(mktemp)"
  {
    echo "<!-- profile begin: written by benchmarks/pipeline/profile.sh -->"
    echo "### Profile under P8's load ($(date -u +%Y-%m-%d))"
    echo
    echo "\`benchmarks/pipeline/profile.sh --rate $RATE --seconds $SECONDS_ --warmup $WARMUP\` on $(bench_machine); $("$JAVA" -version 2>&1 | head -1). JFR on every service for $SECONDS_ s while P8's generator sends $RATE leads/s, after $WARMUP s of the same load unrecorded. A sample counts for every layer it passes through (the shares add up to more than 100 %); the hottest methods are the tops of the stacks."
    echo
    python3 "$HERE/jfr_summary.py" table "$results"
    echo "<!-- profile end -->"
  } >"$section"
  doc_section profile "$section"
  rm -f "$section"
  ok "profile written to docs/benchmarks.md"
fi
