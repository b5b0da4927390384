#!/usr/bin/env bash
# P4 (quality.md): 20 reps claiming from one pull queue of 10 000 leads at once through distribution's
# POST /api/queues/{queue}/claim: claims/s, and no lead ever claimed twice (a double claim fails the run), every lead
# claimed exactly once at the end. Baseline in the same run: pgbench doing the database's own claim (SELECT … FOR
# UPDATE SKIP LOCKED of the best waiting lead, then taking it out of the queue and giving it to a rep) with as many
# clients on a copy of the same queue, before and after; ratio = claims/s ÷ the baseline's mean.
#
#   benchmarks/distribution/p4.sh             10 000 leads, 20 claimers; the results replace the P4 section of docs/benchmarks.md
#   benchmarks/distribution/p4.sh --smoke     300 leads, nothing written (CI: the harness works, nothing doubled or refused;
#                                             about 30 s)
#   options: --leads N  --claimers N  --keep (leave the benchmark database; the service stops before the second baseline)
#
# Needs PostgreSQL and Keycloak (deploy/local/up.sh --engines-only, or the whole suite), pgbench, and
# distribution-service built (deploy/local/up.sh --build, or ./mvnw -pl distribution-service -am package -DskipTests).
# It never touches the local suite's distribution: it starts a second distribution-service on :8097 against a database
# of its own, distribution_bench (Flyway migrates it; its Kafka channels point nowhere, so it reads no event and joins
# no consumer group; its outbox relay is off, so the lead.claimed events stay in its outbox; a rep's daily claim limit,
# leadstream.distribution.queue.claims-per-day, 50 by default, is lifted: each rep claims thousands here). The reps are
# the realm's rep1..rep3 (deploy/keycloak/leads-realm.json), registered on it through PUT /api/reps as
# deploy/local/up.sh registers them; claimer i is rep (i mod 3) + 1. The queue is filled by SQL (load-queue.sql: what
# distribution leaves for a lead a rule sent to a queue), the claims made by p4.py (after the same claimers emptied a
# warm-up queue of 300 leads, not measured), the baseline by claim.pgbench.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../deploy/local/lib.sh
source "$HERE/../../deploy/local/lib.sh"

LEADS=10000
WARMUP=300
CLAIMERS=20
SMOKE=0
KEEP=0
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1; LEADS=300; WARMUP=100 ;;
    --leads) LEADS="$2"; shift ;;
    --claimers) CLAIMERS="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done
((LEADS >= CLAIMERS)) || die "--leads ($LEADS) must be at least --claimers ($CLAIMERS)"

DB=distribution_bench
PORT=8097
QUEUE=bench
REP_IDS=(rep1 rep2 rep3)
mkdir -p "$LOG_DIR"
BENCH_LOG="$(log_file distribution-bench)"
: >"$BENCH_LOG"

step "P4: $CLAIMERS claimers on a queue of $LEADS leads"
command -v pgbench >/dev/null || die "pgbench missing (PostgreSQL's client package)"

bench_copy distribution-service "$PORT" "$DB" "$BENCH_LOG" -Dleadstream.distribution.queue.claims-per-day=1000000000
ok "distribution-service on :$PORT (pid $BENCH_PID), migrated; Kafka nowhere, relay off"

sql() { PGPASSWORD=$DB psql -h 127.0.0.1 -p "$PG_PORT" -U $DB -d $DB -v ON_ERROR_STOP=1 -Atq "$@"; }

# the reps, as deploy/local/up.sh registers them: active, no capacity limits, covering everything
admin="$(token_password admin admin)"
[[ -n "$admin" ]] || die "could not get an admin token from $KC_REALM_URL (user admin, client leadstream-cli)"
for rep in "${REP_IDS[@]}"; do
  code="$(curl -s -o "$LOG_DIR/p4-register-$rep.out" -w '%{http_code}' --max-time 20 -X PUT \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"displayName\":\"$rep\",\"active\":true}" "http://127.0.0.1:$PORT/api/reps/$rep" || true)"
  [[ "$code" == 200 || "$code" == 201 ]] || { tail_log "$LOG_DIR/p4-register-$rep.out" 5; die "registering $rep answered HTTP $code"; }
done
ok "reps ${REP_IDS[*]} registered"

loaded=$(now_s)
sql -v leads="$WARMUP" -v queue=warmup -f "$HERE/load-queue.sql" >>"$BENCH_LOG" 2>&1 \
  || fail_with_log "filling the warm-up queue failed" "$BENCH_LOG"
sql -v leads="$LEADS" -v queue="$QUEUE" -f "$HERE/load-queue.sql" >>"$BENCH_LOG" 2>&1 \
  || fail_with_log "filling the queue failed" "$BENCH_LOG"
ok "queue $QUEUE: $(sql -c "select count(*) from queued_lead where queue = '$QUEUE'") leads waiting, $WARMUP more in queue warmup (loaded in $(($(now_s) - loaded)) s)"

# the baseline's copy of the queue and of the assignments, in a schema of its own, refilled before each pgbench run
sql >>"$BENCH_LOG" 2>&1 <<'SQL' || fail_with_log "the baseline's tables could not be made" "$BENCH_LOG"
create schema baseline;
create table baseline.queued_lead (like public.queued_lead including all);
create table baseline.assignment (like public.assignment including all);
create table baseline.queued_source as select * from public.queued_lead where queue = 'bench';
create table baseline.assignment_source as select * from public.assignment where target = 'queue:bench';
SQL
# pgbench takes one connection per client: with the suite's pools open next to this service copy, the server's
# max_connections may leave fewer than $CLAIMERS (pgbench then fails to connect); the baseline uses what is free
# and says so
free="$(sql -c "select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
  - (select count(*) from pg_stat_activity) - 4")"
BASE_CLIENTS=$((free < CLAIMERS ? free : CLAIMERS))
((BASE_CLIENTS >= 1)) || die "PostgreSQL has no connection free for pgbench (max_connections reached)"
((BASE_CLIENTS == CLAIMERS)) || warn "PostgreSQL has $free connections free: the baseline runs $BASE_CLIENTS pgbench clients, not $CLAIMERS"
PER_CLIENT=$((LEADS / BASE_CLIENTS))
baseline() { # prints the tps of one pgbench run on a full copy of the queue; fails on a double or missing claim
  sql >>"$BENCH_LOG" 2>&1 <<'SQL'
truncate baseline.queued_lead, baseline.assignment;
insert into baseline.queued_lead select * from baseline.queued_source;
insert into baseline.assignment select * from baseline.assignment_source;
vacuum (analyze) baseline.queued_lead, baseline.assignment;
SQL
  local out tps claimed left
  out="$(PGPASSWORD=$DB pgbench -h 127.0.0.1 -p "$PG_PORT" -U $DB -n -M prepared -c "$BASE_CLIENTS" -j 2 -t "$PER_CLIENT" \
    -f "$HERE/claim.pgbench" $DB 2>>"$BENCH_LOG")" || fail_with_log "pgbench failed" "$BENCH_LOG"
  echo "$out" >>"$BENCH_LOG"
  tps="$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | tail -n1)"
  claimed="$(sql -c "select count(*) from baseline.assignment where rep_id is not null")"
  left="$(sql -c "select count(*) from baseline.queued_lead")"
  [[ -n "$tps" && "$claimed" == $((PER_CLIENT * BASE_CLIENTS)) && "$left" == $((LEADS - PER_CLIENT * BASE_CLIENTS)) ]] \
    || fail_with_log "the baseline claimed $claimed leads ($left left) in $((PER_CLIENT * BASE_CLIENTS)) transactions" "$BENCH_LOG"
  printf '%s' "$tps"
}
before="$(baseline)"
ok "baseline before: pgbench $(printf "%.0f" "$before") claims/s ($BASE_CLIENTS clients, $((PER_CLIENT * BASE_CLIENTS)) claims)"

# the warm-up: the same claimers empty a small queue of its own first (the JVM compiles the claim's path; a cold
# service answered its first claims ten times slower); not measured, but checked like the rest
python3 "$HERE/p4.py" --base "http://127.0.0.1:$PORT" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
  --queue warmup --leads "$WARMUP" --claimers "$CLAIMERS" --reps "$(IFS=,; echo "${REP_IDS[*]}")" \
  >>"$BENCH_LOG" || fail_with_log "P4: the warm-up's claims were refused, doubled or missing" "$BENCH_LOG"
ok "warm-up: $WARMUP leads claimed from queue warmup"

summary="$(mktemp)"
python3 "$HERE/p4.py" --base "http://127.0.0.1:$PORT" --token-url "$KC_REALM_URL/protocol/openid-connect/token" \
  --queue "$QUEUE" --leads "$LEADS" --claimers "$CLAIMERS" --reps "$(IFS=,; echo "${REP_IDS[*]}")" --json "$summary" \
  >/dev/null || { cat "$summary" 2>/dev/null; echo; fail_with_log "P4: claims refused, doubled or missing (above)" "$BENCH_LOG"; }

# what distribution stored: every lead out of the queue, with a rep, claimed once, announced once, its SLA clock started
stored="$(sql -c "select (select count(*) from queued_lead) || ' ' ||
  (select count(*) from assignment where rep_id is not null and strategy = 'QUEUE') || ' ' ||
  (select count(*) from assignment_history where kind = 'CLAIMED') || ' ' ||
  (select count(*) from (select lead_id from assignment_history where kind = 'CLAIMED' group by lead_id having count(*) > 1) d) || ' ' ||
  (select count(*) from outbox_event where event_type = 'leadstream.lead.claimed.v1') || ' ' ||
  (select count(*) from sla_clock)")"
read -r waiting assigned claimed_steps twice events clocks <<<"$stored"
all=$((LEADS + WARMUP))
[[ "$waiting" == 0 && "$assigned" == "$all" && "$claimed_steps" == "$all" && "$twice" == 0 && "$events" == "$all" && "$clocks" == "$all" ]] \
  || fail_with_log "stored after the claims: $waiting still queued, $assigned assigned, $claimed_steps CLAIMED steps ($twice leads claimed twice), $events lead.claimed events, $clocks SLA clocks (expected 0, then $all each: the warm-up's too)" "$BENCH_LOG"
ok "stored: every lead claimed once ($assigned assigned, $claimed_steps CLAIMED steps, $events lead.claimed events, $clocks SLA clocks, the warm-up's included), none left queued"

# the service is done: stopped before the second baseline, whose 20 clients would otherwise share PostgreSQL's
# connection slots (max_connections, 100 by default) with its idle pool and the whole local suite's
kill "$BENCH_PID" 2>/dev/null || true
wait "$BENCH_PID" 2>/dev/null || true
BENCH_PID=""
after="$(baseline)"
ok "baseline after: pgbench $(printf "%.0f" "$after") claims/s"

results="$(mktemp)"
python3 - "$summary" "$before" "$after" "$results" "$WARMUP" "$BASE_CLIENTS" <<'PY'
import json, sys
s, before, after = json.load(open(sys.argv[1])), float(sys.argv[2]), float(sys.argv[3])
mean = (before + after) / 2
rows = [
    "| figure | value |", "|---|---|",
    "| leads queued / claimers (reps: %s, claimer i is rep i mod 3 + 1) | %d / %d |" % (", ".join(s["reps"]), s["leads"], s["claimers"]),
    "| claims answered 200 / distinct leads / double claims | %d / %d / **%d** |" % (s["claims"], s["distinct"], s["doubles"]),
    "| claims per rep | %s |" % ", ".join("%s %d" % kv for kv in s["per_rep"].items()),
    "| all claimed in | %.1f s |" % s["seconds"],
    "| **claims/s** (bar ≥ 500) | **%.0f** |" % s["claims_per_s"],
    "| claims/s over the first / last tenth of the claims (after a warm-up queue of %s leads) | %.0f / %.0f |" % (sys.argv[5], s["first_tenth_per_s"], s["last_tenth_per_s"]),
    "| claim latency p50 / p99 / max | %.1f / %.1f / %.1f ms |" % (s["p50_ms"], s["p99_ms"], s["max_ms"]),
    "| baseline: pgbench, `SELECT … FOR UPDATE SKIP LOCKED` + delete + update per transaction, %d clients, before / after | %.0f / %.0f claims/s |" % (int(sys.argv[6]), before, after),
    "| **ratio** (claims/s ÷ the baseline's mean) | **%.3f** |" % (s["claims_per_s"] / mean),
]
open(sys.argv[4], "w").write("\n".join(rows) + "\n")
print("  claims/s %.0f (first tenth %.0f, last tenth %.0f), p50 %.1f ms, p99 %.1f ms; %d claims, %d distinct, %d doubles; ratio %.3f to pgbench's %.0f"
      % (s["claims_per_s"], s["first_tenth_per_s"], s["last_tenth_per_s"], s["p50_ms"], s["p99_ms"], s["claims"],
         s["distinct"], s["doubles"], s["claims_per_s"] / mean, mean))
PY

if ((SMOKE)); then
  ok "smoke run passed (every lead claimed exactly once, nothing refused); nothing written"
  exit 0
fi

pg_version="$(sql -c 'show server_version')"
section="$(mktemp)"
{
  echo "<!-- P4 begin: written by benchmarks/distribution/p4.sh -->"
  echo "### P4 — $CLAIMERS claimers on one queue of $(printf "%'d" "$LEADS") leads ($(date -u +%Y-%m-%d))"
  echo
  echo "\`benchmarks/distribution/p4.sh --leads $LEADS --claimers $CLAIMERS\` on $(bench_machine), PostgreSQL $pg_version," \
       "$("$JAVA" -version 2>&1 | head -n1); a distribution-service of its own (database distribution_bench, relay off," \
       "nothing consuming), the claimers (p4.py) and pgbench on the same machine."
  echo
  cat "$results"
  echo "<!-- P4 end -->"
} >"$section"
doc_section P4 "$section"
ok "results written to $(rel "$REPO/docs/benchmarks.md")"
