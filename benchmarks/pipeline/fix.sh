#!/usr/bin/env bash
# Before and after one fix (issue 13), measured in the same run on the same machine: P8 at one arrival rate with the
# five services started with the fix switched off (BEFORE: settings given as NAME=VALUE, e.g. the environment
# variable that restores the old behaviour), then as built (AFTER), alternating for --rounds rounds so that the
# machine's drift shows. Each start is followed by a warm-up at the same rate (not counted). The section
# "Fix: <name>" of docs/benchmarks.md gets the figures side by side.
#
#   benchmarks/pipeline/fix.sh --name batched-consumers --before LEADSTREAM_EVENTS_BATCH_SIZE=1
#   options: --rate R (15)  --seconds N (60)  --warmup N (20)  --rounds N (1)  --smoke (a few seconds, nothing written)
#            --before may be given more than once
#
# Needs the whole suite up (deploy/local/up.sh) and the generator built (see pipeline.sh). Restarts the five services
# (deploy/local/down.sh --services, deploy/local/up.sh --services-only) and leaves them running as built.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

NAME="" BEFORE=() RATE=15 SECONDS_=60 WARMUP=20 ROUNDS=1 SMOKE=0
while (($#)); do
  case "$1" in
    --name) NAME="$2"; shift ;;
    --before) BEFORE+=("$2"); shift ;;
    --rate) RATE="$2"; shift ;;
    --seconds) SECONDS_="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --smoke) SMOKE=1; RATE=5; SECONDS_=4; WARMUP=2 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done
[[ -n "$NAME" && ${#BEFORE[@]} -gt 0 ]] || { usage_from_header "$0" >&2; die "--name and --before are required"; }
for setting in "${BEFORE[@]}"; do
  [[ "$setting" =~ ^[A-Z_][A-Z0-9_]*=.*$ ]] || die "--before takes NAME=VALUE (an environment variable), not: $setting"
done

CP="$HERE/target/classpath.txt"
[[ -f "$CP" && -d "$HERE/target/classes" ]] \
  || die "the generator is not built — run ./mvnw -pl benchmarks/pipeline -am package -DskipTests"
mkdir -p "$LOG_DIR"
BENCH_LOG="$(log_file pipeline-fix)"
: >"$BENCH_LOG"
ensure_java
generator() { "$JAVA" -Xmx512m -cp "$HERE/target/classes:$(cat "$CP")" io.leadstream.benchmarks.pipeline.Main "$@"; }

# restart VARIANT: the five services with the BEFORE settings (before) or without them (after)
restart() {
  "$REPO/deploy/local/down.sh" --services >>"$BENCH_LOG" 2>&1 || fail_with_log "stopping the services failed" "$BENCH_LOG"
  if [[ "$1" == before ]]; then
    env "${BEFORE[@]}" "$REPO/deploy/local/up.sh" --services-only >>"$BENCH_LOG" 2>&1
  else
    "$REPO/deploy/local/up.sh" --services-only >>"$BENCH_LOG" 2>&1
  fi || fail_with_log "starting the services ($1) failed" "$BENCH_LOG"
}

# p8 SECONDS OUT: one P8 run at RATE against the services running now
p8() {
  local pids="" s
  for s in "${SERVICES[@]}"; do pids+="${pids:+,}$s=$(tr -dc '0-9' <"$(pid_file "$s")")"; done
  generator p8 --rate "$RATE" --seconds "$1" --drain 120 --pids "$pids" \
    --capture "http://127.0.0.1:${SERVICE_PORT[capture-service]}" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
    --kafka "127.0.0.1:$KAFKA_PORT" >"$2" 2>>"$BENCH_LOG"
}

step "fix $NAME: P8 at $RATE leads/s, before (${BEFORE[*]}) and after, $ROUNDS round(s)"
runs=()
trap 'restart after || true' EXIT
for ((round = 1; round <= ROUNDS; round++)); do
  for variant in before after; do
    restart "$variant"
    p8 "$WARMUP" "$(mktemp)" || fail_with_log "the warm-up ($variant) lost or refused leads" "$BENCH_LOG"
    out="$(mktemp)"
    p8 "$SECONDS_" "$out" || { cat "$out"; fail_with_log "P8 ($variant, round $round) lost or refused leads" "$BENCH_LOG"; }
    ok "$variant, round $round measured"
    runs+=("$variant:$out")
  done
done
trap - EXIT

table="$(mktemp)"
python3 - "$table" "${runs[@]}" <<'PY'
import sys
out, runs = sys.argv[1], sys.argv[2:]
columns, rows = [], {}
for i, run in enumerate(runs):
    variant, path = run.split(":", 1)
    columns.append(f"{variant} ({i // 2 + 1})" if len(runs) > 2 else variant)
    for line in open(path, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("figure", "---"):
            rows.setdefault(cells[0], {})[i] = cells[1]
with open(out, "w", encoding="utf-8") as f:
    f.write("| figure | " + " | ".join(columns) + " |\n")
    f.write("|---|" + "---|" * len(columns) + "\n")
    for name, values in rows.items():
        f.write(f"| {name} | " + " | ".join(values.get(i, "") for i in range(len(runs))) + " |\n")
PY
cat "$table"

if ((SMOKE)); then
  ok "smoke run passed (both variants started, nothing refused or lost); nothing written"
  exit 0
fi
section="$(mktemp)"
{
  echo "<!-- fix:$NAME begin: written by benchmarks/pipeline/fix.sh -->"
  echo "### Fix: $NAME — before and after ($(date -u +%Y-%m-%d))"
  echo
  echo "\`benchmarks/pipeline/fix.sh --name $NAME$(printf -- ' --before %s' "${BEFORE[@]}") --rate $RATE --seconds $SECONDS_ --rounds $ROUNDS\` on $(bench_machine), the suite, the engines and the generator on the same machine. Before: the services started with \`${BEFORE[*]}\`; after: as built. Each after a restart and $WARMUP s of warm-up at the same rate."
  echo
  cat "$table"
  echo "<!-- fix:$NAME end -->"
} >"$section"
doc_section "fix:$NAME" "$section"
ok "results written to docs/benchmarks.md"
