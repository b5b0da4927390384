#!/usr/bin/env bash
# P5 (quality.md): every insights endpoint over 1 000 000 leads' worth of events, p95 under 100 ms, measured as
# ratios to a baseline taken in the same run (this machine is shared and noisy).
#
#   benchmarks/insights/p5.sh              1 000 000 leads; the results replace the P5 section of docs/benchmarks.md
#   benchmarks/insights/p5.sh --smoke      10 000 leads, 10 requests per scenario, nothing written (about a minute)
#   options: --leads N  --requests N  --concurrency N  --keep (leave the benchmark database and service up)
#
# Needs PostgreSQL and Keycloak (deploy/local/up.sh --engines-only, or the whole suite) and insights-service built
# (deploy/local/up.sh --build, or ./mvnw -pl insights-service -am package -DskipTests). It starts a second
# insights-service on :8095 against a database of its own, insights_bench (the local suite's figures are never
# touched; its Kafka channels point nowhere, so it reads no events), lets Flyway migrate it, fills lead_fact and
# stage_entry with what 1 000 000 leads' events would have left there (load-facts.sql: set-based and
# deterministic, the same rows every run), measures every endpoint with p5_http.py, and stops what it started.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

LEADS=1000000
REQUESTS=40
CONCURRENCY=2
SMOKE=0
KEEP=0
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1; LEADS=10000; REQUESTS=10 ;;
    --leads) LEADS="$2"; shift ;;
    --requests) REQUESTS="$2"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done

DB=insights_bench
PORT=8095
JAR="$(service_jar insights-service)"
mkdir -p "$LOG_DIR"
BENCH_LOG="$(log_file insights-bench)"

step "P5: insights over $LEADS leads"
port_open "$PG_PORT" || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT — run deploy/local/up.sh --engines-only first"
keycloak_ready || die "Keycloak realm leads does not answer on $KC_REALM_URL — run deploy/local/up.sh --engines-only first"
[[ -f "$JAR" ]] || die "$(rel "$JAR") missing — run deploy/local/up.sh --build (or ./mvnw -pl insights-service -am package -DskipTests)"
port_open "$PORT" && die "port $PORT is taken: is a benchmark already running?"
ensure_java

# a fresh database of its own, owned by its own role (password = name, as the services')
fresh_database "$DB" "$BENCH_LOG"
ok "database $DB (fresh)"

bench_pid=""
cleanup() {
  if [[ -n "$bench_pid" ]] && ((KEEP == 0)); then
    kill "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  if ((KEEP == 0)); then
    as_postgres psql -p "$PG_PORT" -d postgres -q -c "drop database if exists $DB with (force)" >>"$BENCH_LOG" 2>&1 || true
  fi
}
trap cleanup EXIT

"$JAVA" -Xmx256m -Dquarkus.http.port=$PORT -Dquarkus.management.port=$((PORT + 1000)) \
  -Dleadstream.security.allow-published-secrets=true \
  -Dleadstream.quota.integration="$LOCAL_INTEGRATION_QUOTA" \
  -Dquarkus.datasource.username=$DB -Dquarkus.datasource.password=$DB \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB \
  -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:$PG_PORT/$DB \
  -Dkafka.bootstrap.servers=127.0.0.1:1 -Dleadstream.health.kafka.enabled=false \
  '-Dquarkus.log.category."org.apache.kafka".level=OFF' \
  -jar "$JAR" >>"$BENCH_LOG" 2>&1 &
bench_pid=$!
for ((i = 0; i < 120; i++)); do
  [[ "$(http_code "http://127.0.0.1:$PORT/q/health/ready")" == 200 ]] && break
  kill -0 "$bench_pid" 2>/dev/null || fail_with_log "the benchmark's insights-service stopped" "$BENCH_LOG"
  sleep 1
done
[[ "$(http_code "http://127.0.0.1:$PORT/q/health/ready")" == 200 ]] || fail_with_log "insights-service on :$PORT not ready" "$BENCH_LOG"
ok "insights-service on :$PORT (pid $bench_pid), migrated"

load_started=$(now_s)
PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -v ON_ERROR_STOP=1 -q -v leads="$LEADS" \
  -f "$HERE/load-facts.sql" >>"$BENCH_LOG" 2>&1 || fail_with_log "loading the benchmark data failed" "$BENCH_LOG"
load_seconds=$(($(now_s) - load_started))
sizes="$(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc \
  "select string_agg(relname || ' ' || n_live_tup || ' rows, ' || pg_size_pretty(pg_total_relation_size(relid)), '; ' order by relname)
   from pg_stat_user_tables where relname in ('lead_fact', 'stage_entry')")"
ok "loaded in ${load_seconds} s: $sizes"

# The load marked every day dirty (rollups, migrations V7 and V10); the service's own pass recomputes them every 5 s. Until it
# has, those days are read from lead_fact (exact, slower): the figures are measured once it is done, and how long it
# took is reported. Then what autovacuum would do shortly after a table filled up (index-only scans need it).
rollup_started=$(now_s)
for ((i = 0; i < 900; i++)); do
  dirty="$(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc \
    'select (select count(*) from rollup_dirty) + (select count(*) from stage_dirty)')"
  [[ "$dirty" == 0 ]] && break
  kill -0 "$bench_pid" 2>/dev/null || fail_with_log "the benchmark's insights-service stopped" "$BENCH_LOG"
  sleep 1
done
[[ "$dirty" == 0 ]] || fail_with_log "the service had not recomputed the rollups after 15 minutes" "$BENCH_LOG"
rollup_seconds=$(($(now_s) - rollup_started))
PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -q -c 'vacuum (analyze) lead_day, lead_month, funnel_day, stage_day, stage_month' >>"$BENCH_LOG" 2>&1
# the load's gigabyte of WAL is still being written out; measured during that checkpoint, the same query took 5 or 500 ms
as_postgres psql -p "$PG_PORT" -d postgres -q -c 'checkpoint' >>"$BENCH_LOG" 2>&1 || true
rollup_rows="$(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc \
  "select (select count(*) from lead_day) || ' lead_day rows, ' || (select count(*) from funnel_day) || ' funnel_day rows, '
          || (select count(*) from stage_day) || ' stage_day rows'")"
ok "daily rollups recomputed by the service in ${rollup_seconds} s: $rollup_rows"

results="$(mktemp)"
python3 "$HERE/p5_http.py" --base "http://127.0.0.1:$PORT" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
  --requests "$REQUESTS" --concurrency "$CONCURRENCY" --markdown "$results"

if ((SMOKE)); then
  ok "smoke run passed (every scenario answered 200); nothing written"
  exit 0
fi

# the results replace the P5 section of docs/benchmarks.md
doc="$REPO/docs/benchmarks.md"
pg_version="$(PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -Atqc 'show server_version')"
section="$(mktemp)"
{
  echo "<!-- P5 begin: written by benchmarks/insights/p5.sh -->"
  echo "### P5 — insights over $(printf "%'d" "$LEADS") leads ($(date -u +%Y-%m-%d))"
  echo
  echo "\`benchmarks/insights/p5.sh\` on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
       "$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo), PostgreSQL $pg_version," \
       "$("$JAVA" -version 2>&1 | head -n1); load generator on the same machine. Data: load-facts.sql, loaded in ${load_seconds} s ($sizes); the service's pass recomputed the daily rollups in ${rollup_seconds} s ($rollup_rows)."
  echo
  cat "$results"
  echo "<!-- P5 end -->"
} >"$section"
if [[ -f "$doc" ]] && grep -q '<!-- P5 begin' "$doc"; then
  python3 - "$doc" "$section" <<'PY'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().rstrip("\n")
text = open(doc, encoding="utf-8").read()
text = re.sub(r"<!-- P5 begin.*?<!-- P5 end -->", lambda m: section, text, flags=re.S)
open(doc, "w", encoding="utf-8").write(text)
PY
else
  { [[ -f "$doc" ]] || printf '# Benchmarks\n\n'; echo; cat "$section"; } >>"$doc"
fi
ok "results written to $(rel "$doc")"
