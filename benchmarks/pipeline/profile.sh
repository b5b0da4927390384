#!/usr/bin/env bash
# The profile behind issue 13's fixes: a JFR recording of every service while P8's generator sends leads at a fixed
# rate, then, per service, the share of samples each layer is on the stack for (own code, Hibernate, the PG client,
# Kafka, messaging, token checks, Jackson, logging, ...) and the hottest methods.
#
#   benchmarks/pipeline/profile.sh                 20 leads/s for 40 s
#   options: --rate R  --seconds N
#
# Needs what pipeline.sh needs (the whole suite up, the generator built). Recordings: .leadstream/profiles/<service>.jfr
# (open them in JDK Mission Control for more).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

RATE=20 SECONDS_=40
while (($#)); do
  case "$1" in
    --rate) RATE="$2"; shift ;;
    --seconds) SECONDS_="$2"; shift ;;
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

step "profile: $RATE leads/s for $SECONDS_ s, JFR on every service"
pids=""
for s in "${SERVICES[@]}"; do
  pid="$(tr -dc '0-9' <"$(pid_file "$s")" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || die "$s is not running — run deploy/local/up.sh first"
  pids+="${pids:+,}$s=$pid"
  rm -f "$OUT/$s.jfr"
  "$JDK_BIN/jcmd" "$pid" JFR.start name=leadstream settings=profile duration="$((SECONDS_ + 5))s" \
    filename="$OUT/$s.jfr" >>"$BENCH_LOG" 2>&1 || die "cannot start JFR in $s (pid $pid): see $(rel "$BENCH_LOG")"
done
"$JAVA" -Xmx512m -cp "$HERE/target/classes:$(cat "$CP")" io.leadstream.benchmarks.pipeline.Main p8 \
  --rate "$RATE" --seconds "$SECONDS_" --drain 60 --pids "$pids" \
  --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" \
  --token-url "$KC_REALM_URL/protocol/openid-connect/token" --kafka "127.0.0.1:$KAFKA_PORT" 2>>"$BENCH_LOG" \
  || warn "the generator reported lost or refused leads (see above)"
for s in "${SERVICES[@]}"; do
  for ((i = 0; i < 30; i++)); do [[ -s "$OUT/$s.jfr" ]] && break; sleep 1; done
  echo
  echo "== $s ($(rel "$OUT/$s.jfr"))"
  "$JDK_BIN/jfr" print --json --events jdk.ExecutionSample "$OUT/$s.jfr" | python3 "$HERE/jfr_summary.py"
done
