# shellcheck shell=bash
# Shared functions for deploy/local/{up,down,test}.sh — sourced, not executed.
#
# Everything the local suite creates (downloads, data, logs, PID files) lives in ONE git-ignored
# folder: $REPO/.leadstream/. Components are started in their own session (setsid) so that a
# component and all its children (kc.sh -> java) can be stopped as one process group.

# ---------------------------------------------------------------------------------------------
# Layout and fixed conventions
# ---------------------------------------------------------------------------------------------
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LS_HOME="$REPO/.leadstream"
LOG_DIR="$LS_HOME/logs"
PID_DIR="$LS_HOME/pids"
TOOLS_DIR="$LS_HOME/tools"
KAFKA_HOME="$LS_HOME/kafka"
KC_BASE="$LS_HOME/keycloak"
TOOLS_POM="$REPO/deploy/local/tools/pom.xml"
REALM_FILE="$REPO/deploy/keycloak/leads-realm.json"

KAFKA_VERSION="4.3.1"
KAFKA_LIBS="$TOOLS_DIR/kafka/libs"
KAFKA_BOOTSTRAP="127.0.0.1:9092"
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
# a second listener for the fault suite's network faults: it advertises the port of a TCP fault proxy in front of it, so
# a client that bootstraps through the proxy keeps talking through it (ReliabilityNetworkTest)
KAFKA_FAULTS_PORT=19092
KAFKA_FAULTS_PROXY_PORT=19093
KAFKA_TOPICS_3=(leads.capture leads.scoring leads.distribution leads.nurture)
KAFKA_TOPICS_1=(leads.dlq.capture leads.dlq.scoring leads.dlq.distribution leads.dlq.nurture leads.dlq.insights)

KC_VERSION="26.7.3"
KC_HOME="$KC_BASE/keycloak-$KC_VERSION"
KC_PORT=8180
KC_URL="http://127.0.0.1:$KC_PORT"
KC_REALM_URL="$KC_URL/realms/leads"
KC_READY_TIMEOUT=180

GREENMAIL_VERSION="2.1.13"
GREENMAIL_JAR="$TOOLS_DIR/greenmail/greenmail-standalone-$GREENMAIL_VERSION.jar"
SMTP_PORT=3025
# the alias mailbox capture-service reads over IMAP (issue 12: mail to sales@ becomes leads); login = the address
IMAP_PORT=3143
ALIAS_MAILBOX="sales@leadstream.local"
ALIAS_PASSWORD="local-sales-password"
GREENMAIL_API_PORT=8025

BROWSER_DIR="$REPO/system-tests/browser"
CHROMIUM="/usr/bin/chromium"

PG_PORT=5432
PG_DATABASES=(capture scoring distribution nurture insights)

SERVICES=(capture-service scoring-service distribution-service nurture-service insights-service)
declare -A SERVICE_PORT=(
  [capture-service]=8081 [scoring-service]=8082 [distribution-service]=8083
  [nurture-service]=8084 [insights-service]=8085
  [capture-service-replica]=8091
)
# metrics and OpenAPI answer on each service's management port (quarkus.management.port, the HTTP port + 1000), not
# on its HTTP port
management_port() { printf '%s' "$(( ${SERVICE_PORT[$1]} + 1000 ))"; }
SERVICE_READY_TIMEOUT=90
LOCAL_INTEGRATION_QUOTA="${LEADSTREAM_INTEGRATION_QUOTA:-1000000/1m}"

REPS=("rep1:Rep One" "rep2:Rep Two" "rep3:Rep Three")

mkdir -p "$LOG_DIR" "$PID_DIR" "$TOOLS_DIR"

# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
if [[ -t 1 ]]; then
  C_B=$'\e[1m'; C_G=$'\e[32m'; C_R=$'\e[31m'; C_Y=$'\e[33m'; C_0=$'\e[0m'
else
  C_B=""; C_G=""; C_R=""; C_Y=""; C_0=""
fi
step() { printf '%s==> %s%s\n' "$C_B" "$*" "$C_0"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '  %s✓%s %s\n' "$C_G" "$C_0" "$*"; }
warn() { printf '  %s!%s %s\n' "$C_Y" "$C_0" "$*" >&2; }
err()  { printf '  %s✗ %s%s\n' "$C_R" "$*" "$C_0" >&2; }
die()  { err "$*"; exit 1; }

# rel PATH: path relative to the repo root, for messages
rel() { local p="$1"; printf '%s' "${p#"$REPO"/}"; }

# tail_log FILE [N]: show the last lines of a log after a failure
tail_log() {
  local f="$1" n="${2:-25}"
  if [[ -s "$f" ]]; then
    printf '    --- last %s lines of %s ---\n' "$n" "$(rel "$f")" >&2
    tail -n "$n" "$f" | sed 's/^/    | /' >&2
    printf '    ---\n' >&2
  fi
}

# fail_with_log MESSAGE LOGFILE: one clear line, the log's last warnings and errors (a service's cause often lies further
# up than its tail: a 503's WARN line, say), the log's tail, exit 1
fail_with_log() {
  err "$1 — see $(rel "$2")"
  if [[ -s "$2" ]] && grep -qE ' (WARN|ERROR) ' "$2"; then
    printf '    --- its last warnings and errors (Kafka client lines left out) ---\n' >&2
    grep -E ' (WARN|ERROR) ' "$2" | grep -v '\[org\.apache\.kafka' | tail -n 10 | cut -c1-400 | sed 's/^/    | /' >&2
  fi
  tail_log "$2"
  exit 1
}

# usage_from_header SCRIPT: print the comment block at the top of SCRIPT
usage_from_header() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"
}

# now_s: seconds since epoch
now_s() { date +%s; }

# ---------------------------------------------------------------------------------------------
# JDK 17+: $JAVA_HOME if it is 17+, else the newest JDK under /usr/lib/jvm (by feature version)
# ---------------------------------------------------------------------------------------------
# java_feature JAVA_HOME_DIR: prints the feature version (17, 21, 25, …) or nothing
java_feature() {
  local home="$1" v=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)"
  fi
  if [[ -z "$v" ]]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)"
  fi
  v="${v#1.}"          # 1.8.0 -> 8.0
  v="${v%%[.+-]*}"     # 25.0.3 -> 25
  [[ "$v" =~ ^[0-9]+$ ]] && printf '%s' "$v"
  return 0
}

ensure_java() {
  if [[ "${LEADSTREAM_JAVA_OK:-}" == 1 && -x "${JAVA_HOME:-}/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"; export JAVA
    return 0
  fi
  local chosen="" best=0 f d
  if [[ -n "${JAVA_HOME:-}" ]]; then
    f="$(java_feature "$JAVA_HOME")"
    if [[ -n "$f" && "$f" -ge 17 ]]; then
      chosen="$JAVA_HOME"; best="$f"
    else
      warn "JAVA_HOME=$JAVA_HOME is not a JDK 17+ (found '${f:-none}'); looking under /usr/lib/jvm"
    fi
  fi
  if [[ -z "$chosen" ]]; then
    for d in /usr/lib/jvm/*/; do
      d="${d%/}"
      [[ -x "$d/bin/java" && -x "$d/bin/javac" ]] || continue
      f="$(java_feature "$d")"
      [[ -n "$f" ]] || continue
      if (( f > best )); then best="$f"; chosen="$(readlink -f "$d")"; fi
    done
    if [[ -z "$chosen" ]] && command -v javac >/dev/null 2>&1; then
      d="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
      f="$(java_feature "$d")"; [[ -n "$f" ]] && { chosen="$d"; best="$f"; }
    fi
  fi
  if [[ -z "$chosen" || "$best" -lt 17 ]]; then
    die "no JDK 17+ found (checked \$JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. 'apt-get install -y openjdk-17-jdk-headless', or set JAVA_HOME."
  fi
  export JAVA_HOME="$chosen"
  export PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
  export JAVA
  export LEADSTREAM_JAVA_OK=1
  info "JDK $best: $JAVA_HOME"
}

# ---------------------------------------------------------------------------------------------
# Processes, ports, HTTP
# ---------------------------------------------------------------------------------------------
pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

# pid_of NAME: prints the PID from the PID file if that process is alive
pid_of() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  printf '%s' "$pid"
}

# port_open PORT: something listens on 127.0.0.1:PORT
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# http_code URL: prints the HTTP status (000 when nothing answers)
http_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
}

# start_bg NAME DIR CMD...: start CMD in its own session (so its PID is also its process-group id
# and stopping the group takes its children along), stdout/stderr appended to the NAME log. The
# started process writes its own PID (setsid may fork), which goes into the NAME PID file.
start_bg() {
  local name="$1" dir="$2"; shift 2
  local log pidf i
  log="$(log_file "$name")"
  pidf="$(pid_file "$name")"
  {
    printf '\n===== %s: starting %s =====\n' "$(date '+%F %T')" "$name"
    printf '%q ' "$@"; printf '\n'
  } >>"$log"
  rm -f "$pidf"
  # shellcheck disable=SC2016  # $$ and $0 expand in the child bash
  ( cd "$dir" && exec setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pidf" "$@" \
      </dev/null >>"$log" 2>&1 ) &
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidf" ]] && return 0
    sleep 0.1
  done
  fail_with_log "$name did not start" "$log"
}

# wait_until NAME TIMEOUT DESCRIPTION CHECK-CMD...: poll CHECK-CMD every second; fail fast if
# NAME's process dies; fail with the log's tail after TIMEOUT seconds.
wait_until() {
  local name="$1" timeout="$2" what="$3"; shift 3
  local log start pid
  log="$(log_file "$name")"
  start="$(now_s)"
  pid="$(tr -dc '0-9' <"$(pid_file "$name")" 2>/dev/null || true)"
  while true; do
    if "$@"; then
      ok "$what ($(( $(now_s) - start )) s)"
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$(pid_file "$name")"
      fail_with_log "$name exited while starting (waiting for $what)" "$log"
    fi
    if (( $(now_s) - start >= timeout )); then
      fail_with_log "$name did not become ready in $timeout s (waiting for $what)" "$log"
    fi
    sleep 1
  done
}

# stop_component NAME [TIMEOUT]: TERM the process group started for NAME, KILL after TIMEOUT s
stop_component() {
  local name="$1" timeout="${2:-30}" pid i
  if ! pid="$(pid_of "$name")"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  info "stopping $name (pid $pid)"
  # The process was started with setsid: its PID is also its process-group id.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 2; i++)); do
    group_alive "$pid" || break
    sleep 0.5
  done
  if group_alive "$pid"; then
    warn "$name did not stop in $timeout s: sending KILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do group_alive "$pid" || break; sleep 0.5; done
  fi
  if group_alive "$pid"; then
    err "$name (process group $pid) is still running"
    return 1
  fi
  rm -f "$(pid_file "$name")"
  ok "$name stopped"
}

# our_processes [--services]: "PID ARGS" of every java / kc.sh process running from .leadstream/
# (Kafka, Keycloak) or from one of the five service jars of this repo
our_processes() {
  local pats=() s
  [[ "${1:-}" == --services ]] || pats+=("$LS_HOME/")
  for s in "${SERVICES[@]}"; do pats+=("$(service_jar "$s")"); done
  ps -eo pid=,comm=,args= | awk -v pats="$(printf '%s\n' "${pats[@]}")" '
    BEGIN { n = split(pats, p, "\n") }
    $2 == "java" || $2 == "kc.sh" {
      for (i = 1; i <= n; i++) if (p[i] != "" && index($0, p[i])) { $2 = ""; print; next }
    }'
}

# group_alive PGID: any process left in that process group?
group_alive() {
  local pgid="$1"
  kill -0 -- "-$pgid" 2>/dev/null && return 0
  kill -0 "$pgid" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# Maven
# ---------------------------------------------------------------------------------------------
mvnw() { (cd "$REPO" && ./mvnw "$@"); }

# ---------------------------------------------------------------------------------------------
# PostgreSQL (OS packages)
# ---------------------------------------------------------------------------------------------
PG_MARKER="$PID_DIR/postgresql.started-by-up"

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) for: $*"; fi
}

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then (cd / && runuser -u postgres -- "$@")
  else (cd / && sudo -u postgres "$@"); fi
}

# pg_cluster: prints "VERSION NAME PORT STATUS" of the cluster on port 5432 (else the newest one)
pg_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local line
  line="$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2, $3, $4}' | sort -V | tail -n1)"
  [[ -n "$line" ]] || line="$(pg_lsclusters -h 2>/dev/null | awk '{print $1, $2, $3, $4}' | sort -V | tail -n1)"
  [[ -n "$line" ]] || return 1
  printf '%s' "$line"
}

ensure_postgres() {
  step "PostgreSQL"
  local log; log="$(log_file postgresql)"
  if ! command -v pg_lsclusters >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    info "PostgreSQL is not installed: apt-get install -y postgresql (log: $(rel "$log"))"
    if ! { as_root apt-get update && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y postgresql; } >>"$log" 2>&1; then
      fail_with_log "could not install PostgreSQL with apt-get" "$log"
    fi
    PG_INSTALLED_NOW=1
  fi
  local c ver name port status installed_now=0
  [[ -n "${PG_INSTALLED_NOW:-}" ]] && installed_now=1
  if ! c="$(pg_cluster)"; then
    info "no PostgreSQL cluster: creating one (pg_createcluster)"
    # shellcheck disable=SC2012
    ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)"
    [[ -n "$ver" ]] || die "PostgreSQL packages installed but no server version under /usr/lib/postgresql"
    as_root pg_createcluster "$ver" main >>"$log" 2>&1 || fail_with_log "pg_createcluster $ver main failed" "$log"
    c="$(pg_cluster)" || die "no PostgreSQL cluster after pg_createcluster"
  fi
  read -r ver name port status <<<"$c"
  [[ "$port" == "$PG_PORT" ]] || warn "PostgreSQL cluster $ver/$name listens on $port, not $PG_PORT: the services expect $PG_PORT"
  if [[ "$status" != online* ]]; then
    info "starting cluster $ver/$name"
    if ! as_root pg_ctlcluster "$ver" "$name" start >>"$log" 2>&1; then
      tail -n 20 "/var/log/postgresql/postgresql-$ver-$name.log" >>"$log" 2>/dev/null || true
      fail_with_log "could not start PostgreSQL $ver/$name" "$log"
    fi
    printf '%s %s\n' "$ver" "$name" >"$PG_MARKER"
    ok "PostgreSQL $ver/$name started (port $port)"
  else
    # Installed just now, the package may have started it: then up.sh counts as having started it.
    if (( installed_now )); then printf '%s %s\n' "$ver" "$name" >"$PG_MARKER"; fi
    ok "PostgreSQL $ver/$name already running (port $port)"
  fi
  wait_postgres "$port"
  ensure_pg_connections "$ver" "$name" "$port" "$log"
  # One role and one database per service; the role owns its database. Idempotent.
  local sql="" db
  for db in "${PG_DATABASES[@]}"; do
    sql+="SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$db', '$db') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$db')"$'\n\\gexec\n'
    sql+="ALTER ROLE \"$db\" LOGIN PASSWORD '$db';"$'\n'
    sql+="SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$db') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db')"$'\n\\gexec\n'
    sql+="ALTER DATABASE \"$db\" OWNER TO \"$db\";"$'\n'
  done
  if ! printf '%s' "$sql" | as_postgres psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -q >>"$log" 2>&1; then
    fail_with_log "could not create the service roles and databases" "$log"
  fi
  # Prove password authentication over TCP, as the services use it.
  if ! PGPASSWORD=capture PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$port" -U capture -d capture -Atqc 'select 1' >>"$log" 2>&1; then
    fail_with_log "PostgreSQL does not accept role capture/capture on 127.0.0.1:$port" "$log"
  fi
  ok "databases and roles: ${PG_DATABASES[*]} (password = name, 127.0.0.1:$port)"
}

wait_postgres() {
  local i
  for ((i = 0; i < 30; i++)); do
    as_postgres psql -p "$1" -d postgres -Atqc 'select 1' >/dev/null 2>&1 && return 0
    sleep 1
  done
}

# ensure_pg_connections VER NAME PORT LOG: at least PG_MIN_CONNECTIONS connection slots. The packages' default, 100,
# is what the five services' pools reach on their own (each reactive pool grows to 20, each JDBC pool keeps 2), and
# the test command's benchmarks start service copies and pgbench clients next to them: a connection refused by a full
# server (SQLSTATE 53300) reaches the caller as a 503. Raised with ALTER SYSTEM and a restart, on a cluster this script
# started or installed; on someone else's running cluster it only says how.
PG_MIN_CONNECTIONS=300
ensure_pg_connections() {
  local ver="$1" name="$2" port="$3" log="$4" current
  current="$(as_postgres psql -p "$port" -d postgres -Atqc 'show max_connections' 2>>"$log")" || return 0
  ((current >= PG_MIN_CONNECTIONS)) && return 0
  if [[ ! -f "$PG_MARKER" ]]; then
    warn "PostgreSQL $ver/$name allows $current connections; the suite, its tests and benchmarks can need up to" \
      "$PG_MIN_CONNECTIONS: ALTER SYSTEM SET max_connections = $PG_MIN_CONNECTIONS, then restart it (pg_ctlcluster $ver $name restart)"
    return 0
  fi
  info "PostgreSQL $ver/$name allows $current connections: raising max_connections to $PG_MIN_CONNECTIONS (restart)"
  { as_postgres psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -qc "alter system set max_connections = $PG_MIN_CONNECTIONS" \
      && as_root pg_ctlcluster "$ver" "$name" restart; } >>"$log" 2>&1 \
    || fail_with_log "could not raise PostgreSQL's max_connections to $PG_MIN_CONNECTIONS" "$log"
  wait_postgres "$port"
  ok "PostgreSQL $ver/$name: max_connections $PG_MIN_CONNECTIONS"
}

stop_postgres() {
  [[ -f "$PG_MARKER" ]] || { info "PostgreSQL: not started by up.sh, left running"; return 0; }
  local ver name
  read -r ver name <"$PG_MARKER"
  info "stopping PostgreSQL $ver/$name (started by up.sh)"
  if as_root pg_ctlcluster "$ver" "$name" stop >>"$(log_file postgresql)" 2>&1; then
    ok "PostgreSQL $ver/$name stopped"
  else
    err "could not stop PostgreSQL $ver/$name — see $(rel "$(log_file postgresql)")"
    return 1
  fi
  rm -f "$PG_MARKER"
}

# ---------------------------------------------------------------------------------------------
# Kafka (KRaft, broker + controller in one JVM)
# ---------------------------------------------------------------------------------------------
kafka_jars_present() {
  [[ -f "$KAFKA_LIBS/.complete-$KAFKA_VERSION" ]]
}

ensure_kafka_jars() {
  kafka_jars_present && return 0
  local log; log="$(log_file tools-kafka)"
  info "resolving Kafka $KAFKA_VERSION jars with Maven (log: $(rel "$log"))"
  rm -rf "$KAFKA_LIBS"
  if ! mvnw -B -f "$TOOLS_POM" -Pkafka package -Dleadstream.tools.dir="$TOOLS_DIR" >"$log" 2>&1; then
    fail_with_log "could not resolve the Kafka jars" "$log"
  fi
  [[ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" && -f "$KAFKA_LIBS/kafka-tools-$KAFKA_VERSION.jar" ]] \
    || fail_with_log "Kafka jars missing after Maven ran" "$log"
  touch "$KAFKA_LIBS/.complete-$KAFKA_VERSION"
}

write_kafka_config() {
  mkdir -p "$KAFKA_HOME/data"
  cat >"$KAFKA_HOME/server.properties" <<EOF
# Generated by deploy/local/lib.sh — local single-node Kafka (KRaft). Edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT,FAULTS://127.0.0.1:$KAFKA_FAULTS_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT,FAULTS://127.0.0.1:$KAFKA_FAULTS_PROXY_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,FAULTS:PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
  cat >"$KAFKA_HOME/log4j2.properties" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
logger.controller.name = kafka.controller
logger.controller.level = INFO
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
EOF
  cat >"$KAFKA_HOME/tools-log4j2.properties" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDERR
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF
}

# kafka_tool CLASS ARGS...: run a Kafka command-line tool (short-lived JVM)
kafka_tool() {
  local cls="$1"; shift
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_HOME/tools-log4j2.properties" \
    -cp "$KAFKA_LIBS/*" "$cls" "$@"
}

ensure_kafka() {
  step "Kafka $KAFKA_VERSION (KRaft) on $KAFKA_BOOTSTRAP"
  local log pid; log="$(log_file kafka)"
  ensure_kafka_jars
  write_kafka_config
  if pid="$(pid_of kafka)" && ! port_open "$KAFKA_FAULTS_PORT"; then
    info "Kafka (pid $pid) runs without the fault suite's listener on $KAFKA_FAULTS_PORT (an older configuration): restarting it"
    stop_kafka
  fi
  if pid="$(pid_of kafka)"; then
    ok "Kafka already running (pid $pid)"
  elif port_open "$KAFKA_PORT"; then
    ok "something already listens on $KAFKA_PORT: reusing it as the Kafka broker (not started by up.sh)"
  else
    if [[ ! -f "$KAFKA_HOME/data/meta.properties" ]]; then
      local cluster_id
      cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$log")" \
        || fail_with_log "kafka-storage random-uuid failed" "$log"
      if ! kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME/server.properties" --standalone >>"$log" 2>&1; then
        fail_with_log "kafka-storage format failed" "$log"
      fi
      info "storage formatted (cluster id $cluster_id)"
    fi
    start_bg kafka "$KAFKA_HOME" "$JAVA" -Xms128m -Xmx512m -XX:+UseG1GC \
      -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
      -Dkafka.logs.dir="$LOG_DIR" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_HOME/server.properties"
    wait_until kafka 60 "Kafka listening on $KAFKA_BOOTSTRAP" port_open "$KAFKA_PORT"
  fi
  ensure_topics
}

ensure_topics() {
  local log existing="" t i missing=()
  log="$(log_file kafka-topics)"
  for ((i = 0; i < 30; i++)); do
    if existing="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list 2>>"$log")"; then
      break
    fi
    existing="__failed__"
    sleep 2
  done
  [[ "$existing" != "__failed__" ]] || fail_with_log "could not list Kafka topics on $KAFKA_BOOTSTRAP" "$log"
  for t in "${KAFKA_TOPICS_3[@]}" "${KAFKA_TOPICS_1[@]}"; do
    grep -qxF "$t" <<<"$existing" || missing+=("$t")
  done
  for t in "${missing[@]}"; do
    local parts=3 retention=()
    # the event topics are the log insights rebuilds from (POST /api/insights/rebuild): kept for ever
    [[ "$t" == leads.dlq.* ]] && parts=1 || retention=(--config retention.ms=-1)
    if ! kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
        --create --if-not-exists --topic "$t" --partitions "$parts" --replication-factor 1 "${retention[@]}" >>"$log" 2>&1; then
      fail_with_log "could not create Kafka topic $t" "$log"
    fi
    info "created topic $t ($parts partition(s))"
  done
  ok "topics: ${KAFKA_TOPICS_3[*]} ${KAFKA_TOPICS_1[*]}"
}

stop_kafka() { stop_component kafka 60; }

# ---------------------------------------------------------------------------------------------
# Keycloak (start-dev, H2 in .leadstream/keycloak/…/data, realm imported from the repo)
# ---------------------------------------------------------------------------------------------
REALM_STAMP="$KC_BASE/realm-imported.sha256"

realm_checksum() { sha256sum "$REALM_FILE" | cut -d' ' -f1; }

keycloak_ready() {
  [[ "$(http_code "$KC_REALM_URL/.well-known/openid-configuration")" == 200 ]]
}

ensure_keycloak_dist() {
  [[ -x "$KC_HOME/bin/kc.sh" && -f "$KC_HOME/.complete" ]] && return 0
  local log zip; log="$(log_file tools-keycloak)"
  zip="$TOOLS_DIR/keycloak/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    info "resolving Keycloak $KC_VERSION with Maven, about 180 MB (log: $(rel "$log"))"
    if ! mvnw -B -f "$TOOLS_POM" -Pkeycloak package -Dleadstream.tools.dir="$TOOLS_DIR" >"$log" 2>&1; then
      fail_with_log "could not resolve the Keycloak distribution" "$log"
    fi
    [[ -f "$zip" ]] || fail_with_log "Keycloak zip missing after Maven ran" "$log"
  fi
  info "unpacking Keycloak into $(rel "$KC_BASE")"
  rm -rf "$KC_HOME"
  mkdir -p "$KC_BASE"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" -d "$KC_BASE" >>"$log" 2>&1 || fail_with_log "could not unzip $zip" "$log"
  else
    python3 -m zipfile -e "$zip" "$KC_BASE" >>"$log" 2>&1 || fail_with_log "could not unpack $zip" "$log"
    chmod +x "$KC_HOME"/bin/*.sh
  fi
  [[ -x "$KC_HOME/bin/kc.sh" ]] || fail_with_log "no bin/kc.sh after unpacking $zip" "$log"
  touch "$KC_HOME/.complete"
  rm -f "$zip"   # the local Maven repository keeps a copy
}

ensure_keycloak() {
  step "Keycloak $KC_VERSION on $KC_URL (realm leads)"
  [[ -f "$REALM_FILE" ]] || die "realm file missing: $(rel "$REALM_FILE")"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$REALM_FILE" 2>/dev/null \
    || die "realm file is not valid JSON: $(rel "$REALM_FILE")"
  local log pid sum; log="$(log_file keycloak)"
  sum="$(realm_checksum)"
  if pid="$(pid_of keycloak)"; then
    if [[ "$(cat "$REALM_STAMP" 2>/dev/null)" != "$sum" ]]; then
      info "realm file changed since the last import: restarting Keycloak to re-import it"
      stop_component keycloak 60
    else
      wait_until keycloak "$KC_READY_TIMEOUT" "Keycloak realm leads answering (pid $pid, already running)" keycloak_ready
      return 0
    fi
  elif port_open "$KC_PORT"; then
    if keycloak_ready; then
      ok "something already serves $KC_REALM_URL: reusing it (not started by up.sh; realm not re-imported)"
      return 0
    fi
    die "port $KC_PORT is taken by another program that is not Keycloak with realm leads"
  fi

  ensure_keycloak_dist
  mkdir -p "$KC_HOME/data/import"
  if [[ "$(cat "$REALM_STAMP" 2>/dev/null)" != "$sum" ]]; then
    if [[ -d "$KC_HOME/data/h2" ]]; then
      info "realm file changed since the last import: dropping Keycloak's H2 database to re-import"
      rm -rf "$KC_HOME/data/h2"
    fi
    rm -f "$REALM_STAMP"
  fi
  cp "$REALM_FILE" "$KC_HOME/data/import/leads-realm.json"
  # Local use only: the bootstrap admin of the master realm is admin/admin.
  start_bg keycloak "$KC_HOME" env \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_HOME="$JAVA_HOME" \
    "$KC_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$KC_PORT" \
      --hostname="$KC_URL" \
      --import-realm
  wait_until keycloak "$KC_READY_TIMEOUT" "Keycloak realm leads answering" keycloak_ready
  printf '%s\n' "$sum" >"$REALM_STAMP"
}

stop_keycloak() { stop_component keycloak 60; }

# ---------------------------------------------------------------------------------------------
# GreenMail (a real SMTP server for capture-service's double opt-in emails and nurture-service's follow-up reminders,
# and the IMAP server of the alias mailbox capture-service reads; mail kept in memory)
# ---------------------------------------------------------------------------------------------
ensure_greenmail_jar() {
  [[ -f "$GREENMAIL_JAR" ]] && return 0
  local log; log="$(log_file tools-greenmail)"
  info "resolving GreenMail $GREENMAIL_VERSION (standalone jar) with Maven (log: $(rel "$log"))"
  if ! mvnw -B -f "$TOOLS_POM" -Pgreenmail package -Dleadstream.tools.dir="$TOOLS_DIR" >"$log" 2>&1; then
    fail_with_log "could not resolve the GreenMail standalone jar" "$log"
  fi
  [[ -f "$GREENMAIL_JAR" ]] || fail_with_log "GreenMail jar missing after Maven ran" "$log"
}

ensure_greenmail() {
  step "GreenMail $GREENMAIL_VERSION: SMTP on 127.0.0.1:$SMTP_PORT, IMAP on 127.0.0.1:$IMAP_PORT ($ALIAS_MAILBOX), REST API on 127.0.0.1:$GREENMAIL_API_PORT"
  local pid
  if pid="$(pid_of greenmail)"; then
    ok "GreenMail already running (pid $pid)"
    return 0
  fi
  if port_open "$SMTP_PORT"; then
    ok "something already listens on $SMTP_PORT: reusing it as the SMTP server (not started by up.sh)"
    return 0
  fi
  ensure_greenmail_jar
  start_bg greenmail "$LS_HOME" "$JAVA" -Xms32m -Xmx128m -XX:+UseSerialGC \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
    -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$IMAP_PORT" \
    -Dgreenmail.users="${ALIAS_MAILBOX%@*}:$ALIAS_PASSWORD@${ALIAS_MAILBOX#*@}" -Dgreenmail.users.login=email \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$GREENMAIL_API_PORT" \
    -jar "$GREENMAIL_JAR"
  wait_until greenmail 60 "GreenMail SMTP listening on 127.0.0.1:$SMTP_PORT" port_open "$SMTP_PORT"
  wait_until greenmail 30 "GreenMail IMAP listening on 127.0.0.1:$IMAP_PORT" port_open "$IMAP_PORT"
}

stop_greenmail() { stop_component greenmail 30; }

# ---------------------------------------------------------------------------------------------
# Node.js packages pinned by a package-lock.json (the browser driver, the contract lint)
# ---------------------------------------------------------------------------------------------
# ensure_node_packages DIR LOG: Node.js 20+ (Debian's nodejs and npm, apt-get if missing), then npm ci in DIR when its
# package-lock.json changed since the last install there
ensure_node_packages() {
  local dir="$1" log="$2"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    info "Node.js is missing: apt-get install -y nodejs npm (log: $(rel "$log"))"
    if ! { as_root apt-get update && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y nodejs npm; } >>"$log" 2>&1; then
      fail_with_log "could not install Node.js with apt-get" "$log"
    fi
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  (( major >= 20 )) || die "Node.js $(node --version 2>/dev/null) is too old: 20 or newer is needed"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.leadstream-installed-lock"; then
    info "npm ci in $(rel "$dir") (from the npm registry)"
    if ! (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) >>"$log" 2>&1; then
      fail_with_log "npm ci in $(rel "$dir") failed" "$log"
    fi
    cp "$dir/package-lock.json" "$dir/node_modules/.leadstream-installed-lock"
  fi
}

# debian_unpack DEST LOG PKG...: Debian's packages PKG (apt-get download, after an apt-get update when the lists are
# missing or stale) unpacked into DEST with dpkg-deb -x: their files without installing them (promtool, the image
# registry, the C libraries of the services' base image)
debian_unpack() {
  local dest="$1" log="$2"; shift 2
  local tmp deb
  tmp="$(mktemp -d)"
  chmod 755 "$tmp"   # apt's download user reads it
  if ! { (cd "$tmp" && apt-get download "$@") >>"$log" 2>&1 \
      || { as_root apt-get update >>"$log" 2>&1 && (cd "$tmp" && apt-get download "$@") >>"$log" 2>&1; }; }; then
    rm -rf "$tmp"
    fail_with_log "could not download Debian's $*" "$log"
  fi
  mkdir -p "$dest"
  for deb in "$tmp"/*.deb; do
    dpkg-deb -x "$deb" "$dest" >>"$log" 2>&1 || { rm -rf "$tmp"; fail_with_log "could not unpack $(basename "$deb")" "$log"; }
  done
  rm -rf "$tmp"
}

# ---------------------------------------------------------------------------------------------
# Browser for the system tests: Debian's Chromium driven by playwright-core (pinned in
# system-tests/browser/package-lock.json). Playwright's own browser download is never used.
# ---------------------------------------------------------------------------------------------
ensure_browser() {
  step "Browser for the system tests: $CHROMIUM + playwright-core (npm ci in $(rel "$BROWSER_DIR"))"
  local log; log="$(log_file browser)"
  : >"$log"
  if [[ ! -x "$CHROMIUM" ]]; then
    info "$CHROMIUM is missing: apt-get install -y chromium (log: $(rel "$log"))"
    if ! { as_root apt-get update && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium; } >>"$log" 2>&1; then
      fail_with_log "could not install Debian's chromium with apt-get" "$log"
    fi
  fi
  ensure_node_packages "$BROWSER_DIR" "$log"
  ok "$("$CHROMIUM" --version 2>/dev/null | head -n1), playwright-core $(cd "$BROWSER_DIR" && node -p 'require("playwright-core/package.json").version'), node $(node --version)"
}

# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------
# json_field FIELD: read JSON on stdin, print a top-level field (empty when missing)
json_field() {
  python3 -c 'import json,sys
try:
    v = json.load(sys.stdin).get(sys.argv[1], "")
except Exception:
    v = ""
print(v if isinstance(v, str) else json.dumps(v))' "$1"
}

# token_password USER PASSWORD: access token via leadstream-cli (password grant)
token_password() {
  curl -s --max-time 20 -d grant_type=password -d client_id=leadstream-cli \
    --data-urlencode "username=$1" --data-urlencode "password=$2" \
    "$KC_REALM_URL/protocol/openid-connect/token" | json_field access_token
}

# token_client CLIENT_ID SECRET: access token via client credentials
token_client() {
  curl -s --max-time 20 -d grant_type=client_credentials \
    --data-urlencode "client_id=$1" --data-urlencode "client_secret=$2" \
    "$KC_REALM_URL/protocol/openid-connect/token" | json_field access_token
}

# jwt_claims TOKEN: the decoded payload (pretty JSON)
jwt_claims() {
  python3 -c 'import base64,json,sys
p = sys.argv[1].split(".")[1]
p += "=" * (-len(p) % 4)
print(json.dumps(json.loads(base64.urlsafe_b64decode(p)), indent=2, sort_keys=True))' "$1"
}

# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------
# fresh_database NAME LOG: drops and creates database NAME owned by a role of the same name (password = name, as the
# services'), for a benchmark's own data; psql's output goes to LOG
fresh_database() {
  local db="$1" log="$2"
  as_postgres psql -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -q >>"$log" 2>&1 <<SQL
drop database if exists $db with (force);
select format('create role %I login password %L', '$db', '$db') where not exists (select 1 from pg_roles where rolname = '$db')
\gexec
create database $db owner $db;
SQL
}

# bench_machine: "N cores, M GiB, CPU model" — the machine line of a benchmark's results
bench_machine() {
  printf '%s cores, %s, %s' "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)" \
    "$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)"
}

# doc_section NAME FILE: FILE (which starts with "<!-- NAME begin" and ends with "<!-- NAME end -->") replaces that
# section of docs/benchmarks.md, or is appended when the document has none yet
doc_section() {
  python3 - "$REPO/docs/benchmarks.md" "$1" "$2" <<'PY'
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

# bench_copy SERVICE PORT DB LOG [-Dkey=value ...]: everything a benchmark on a service copy of its own needs, once:
# the engines and the jar there, the port free, a fresh database DB, the copy started (bench_service), and on exit the
# copy stopped and DB dropped, unless the caller set KEEP=1. Sets BENCH_PID.
bench_copy() {
  local service="$1" port="$2" db="$3" log="$4" jar; shift 4
  jar="$(service_jar "$service")"
  port_open "$PG_PORT" || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT — run deploy/local/up.sh --engines-only first"
  keycloak_ready || die "Keycloak realm leads does not answer on $KC_REALM_URL — run deploy/local/up.sh --engines-only first"
  [[ -f "$jar" ]] || die "$(rel "$jar") missing — run deploy/local/up.sh --build (or ./mvnw -pl $service -am package -DskipTests)"
  port_open "$port" && die "port $port is taken: is a benchmark already running?"
  ensure_java
  fresh_database "$db" "$log"
  ok "database $db (fresh)"
  BENCH_COPY_DB="$db" BENCH_COPY_LOG="$log"
  trap bench_copy_cleanup EXIT
  bench_service "$service" "$port" "$db" "$log" "$@"
}
bench_copy_cleanup() {
  ((${KEEP:-0} == 0)) || return 0
  if [[ -n "$BENCH_PID" ]]; then
    kill "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  as_postgres psql -p "$PG_PORT" -d postgres -q -c "drop database if exists $BENCH_COPY_DB with (force)" \
    >>"$BENCH_COPY_LOG" 2>&1 || true
}

# bench_service SERVICE PORT DB LOG [-Dkey=value ...]: starts a second copy of SERVICE from its built jar on PORT against
# database DB (role = password = DB, as fresh_database makes it; Flyway migrates it), for a benchmark: its Kafka channels
# point nowhere (it joins no consumer group of the local suite and reads no event; readiness does not ask about them) and
# its outbox relay is off (what it records stays in its own outbox_event). Sets BENCH_PID; returns once it is ready, fails with LOG's tail otherwise.
BENCH_PID=""
bench_service() {
  local service="$1" port="$2" db="$3" log="$4" i; shift 4
  # (a fixed management port: with port 0 the management server never reports started in production mode, and the
  # service then ignores SIGTERM, waiting for its start to finish)
  "$JAVA" -Xmx256m -Dquarkus.http.port="$port" -Dquarkus.management.port="$((port + 1000))" \
    -Dleadstream.security.allow-published-secrets=true -Dleadstream.quota.integration="$LOCAL_INTEGRATION_QUOTA" \
    -Dquarkus.datasource.username="$db" -Dquarkus.datasource.password="$db" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" \
    -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:$PG_PORT/$db" \
    -Dkafka.bootstrap.servers=127.0.0.1:1 -Dleadstream.health.kafka.enabled=false \
    -Dmp.messaging.connector.smallrye-kafka.health-enabled=false -Dleadstream.outbox.relay-enabled=false \
    '-Dquarkus.log.category."org.apache.kafka".level=OFF' \
    "$@" -jar "$(service_jar "$service")" >>"$log" 2>&1 &
  BENCH_PID=$!
  for ((i = 0; i < 120; i++)); do
    [[ "$(http_code "http://127.0.0.1:$port/q/health/ready")" == 200 ]] && return 0
    kill -0 "$BENCH_PID" 2>/dev/null || fail_with_log "the benchmark's $service stopped" "$log"
    sleep 1
  done
  fail_with_log "the benchmark's $service on :$port was not ready in 120 s" "$log"
}

service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$REPO" "$1"; }

service_ready() {
  [[ "$(http_code "http://127.0.0.1:${SERVICE_PORT[$1]}/q/health/ready")" == 200 ]]
}

reactor_present() {
  [[ -f "$REPO/pom.xml" ]] || return 1
  local s
  for s in "${SERVICES[@]}"; do [[ -f "$REPO/$s/pom.xml" ]] || return 1; done
}

all_jars_present() {
  local s
  for s in "${SERVICES[@]}"; do [[ -f "$(service_jar "$s")" ]] || return 1; done
}

# build_services: ./mvnw -B -q install -DskipTests at the repo root
build_services() {
  local log start; log="$(log_file build)"
  start="$(now_s)"
  step "Building the services (./mvnw -B -q install -DskipTests; log: $(rel "$log"))"
  if ! mvnw -B -q install -DskipTests >"$log" 2>&1; then
    fail_with_log "the Maven build failed" "$log"
  fi
  all_jars_present || fail_with_log "the build finished but some quarkus-run.jar files are missing" "$log"
  ok "built in $(( $(now_s) - start )) s"
}

# The services' JVM on a small machine (P6: < 300 MB resident each under load): the serial collector (no concurrent GC
# threads on 2 cores; gives memory back), a heap that starts small (the JVM's default initial heap, 1/64 of the
# machine's memory, committed all of -Xmx at start) and stays close to what is live, a bounded code cache; and glibc
# limited to 2 malloc arenas (MALLOC_ARENA_MAX, 8 per core by default: resident memory nobody uses). Override with
# LEADSTREAM_SERVICE_JVM_OPTS (and MALLOC_ARENA_MAX); until issue 13 it was -Xmx256m with the JVM's defaults.
SERVICE_JVM_OPTS="${LEADSTREAM_SERVICE_JVM_OPTS:--XX:+UseSerialGC -Xms48m -Xmx192m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m -Xss512k}"
start_service() {
  local s="$1" port="${SERVICE_PORT[$1]}" pid jar base="${1%-replica}" replica=()
  jar="$(service_jar "$base")"
  # <service>-replica: a second instance of the service on its own ports (HTTP port + 10), the same database, Kafka
  # consumer group and settings: what a second replica behind a load balancer is (QuotaAcrossReplicasTest)
  [[ "$s" != "$base" ]] && replica=("-Dquarkus.http.port=$port" "-Dquarkus.management.port=$((port + 1000))")
  if pid="$(pid_of "$s")"; then
    wait_until "$s" "$SERVICE_READY_TIMEOUT" "$s ready on :$port (pid $pid, already running)" service_ready "$s"
    return 0
  fi
  if port_open "$port"; then
    if service_ready "$s"; then
      ok "$s: something already answers on :$port, reusing it (not started by up.sh)"
      return 0
    fi
    die "port $port is taken by another program (expected $s)"
  fi
  [[ -f "$jar" ]] || die "$s: $(rel "$jar") missing (run deploy/local/up.sh --build)"
  # deploy/local/<service>.properties, when there is one, holds local-only settings (capture's webhook secrets,
  # distribution's and nurture's client-credentials secrets, nurture's Keycloak URL and SMTP server)
  local config=()
  [[ -f "$REPO/deploy/local/$base.properties" ]] && config=("-Dquarkus.config.locations=file:$REPO/deploy/local/$base.properties")
  # LEADSTREAM_SERVICE_EXTRA_OPTS: system properties for this one start (the fault suite points a service's database at
  # its fault proxy this way: deploy/local/component.sh start <service>)
  # The benchmarks and the fault suite drive the crm-app client at hundreds of requests a second: the local run lifts the
  # integration quota (600 a minute by default) far above that, so the quota's statement still runs on every request.
  # The local run is a demonstration on secrets published in this repository (database passwords, client and webhook
  # secrets): it says so, else a service refuses to start with them (chassis security.PublishedSecrets).
  # shellcheck disable=SC2086 # the JVM options are words on purpose
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" start_bg "$s" "$REPO" "$JAVA" $SERVICE_JVM_OPTS ${LEADSTREAM_SERVICE_EXTRA_OPTS:-} \
    -Dleadstream.security.allow-published-secrets=true -Dleadstream.quota.integration="$LOCAL_INTEGRATION_QUOTA" \
    "${config[@]}" "${replica[@]}" -jar "$jar"
  wait_until "$s" "$SERVICE_READY_TIMEOUT" "$s ready on http://127.0.0.1:$port" service_ready "$s"
}

start_services() {
  step "Services"
  local s
  for s in "${SERVICES[@]}"; do start_service "$s"; done
}

stop_services() {
  local i s
  stop_component capture-service-replica 30
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    s="${SERVICES[$i]}"
    stop_component "$s" 30
  done
}

register_reps() {
  step "Sales reps (distribution-service)"
  local token r id name code body
  token="$(token_password admin admin)"
  [[ -n "$token" ]] || die "could not get an admin token from $KC_REALM_URL (user admin, client leadstream-cli)"
  for r in "${REPS[@]}"; do
    id="${r%%:*}"; name="${r#*:}"
    body="$(printf '{"displayName":"%s","active":true}' "$name")"
    code="$(curl -s -o "$LOG_DIR/register-$id.out" -w '%{http_code}' --max-time 20 -X PUT \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "$body" "http://127.0.0.1:${SERVICE_PORT[distribution-service]}/api/reps/$id" || true)"
    case "$code" in
      200|201|204) ok "rep $id ($name): HTTP $code" ;;
      *) err "registering rep $id answered HTTP $code — see $(rel "$LOG_DIR/register-$id.out") and $(rel "$(log_file distribution-service)")"
         tail_log "$LOG_DIR/register-$id.out" 5
         return 1 ;;
    esac
  done
}

print_endpoints() {
  local s
  cat <<EOF

${C_B}Leadstream is running locally${C_0} (passwords and secrets below are for local use only)

  Services                                        OpenAPI
EOF
  for s in "${SERVICES[@]}"; do
    printf '    %-22s http://127.0.0.1:%s     http://127.0.0.1:%s/q/openapi\n' "$s" "${SERVICE_PORT[$s]}" "$(management_port "$s")"
  done
  cat <<EOF

  Keycloak admin console  $KC_URL/admin/  (master realm: admin / admin)
  Realm leads issuer      $KC_REALM_URL
  Kafka bootstrap         $KAFKA_BOOTSTRAP
  PostgreSQL              127.0.0.1:$PG_PORT  databases ${PG_DATABASES[*]} (user = password = database)
  Logs                    $(rel "$LOG_DIR")/
  Stop everything         deploy/local/down.sh

  Try it (another application, client credentials):

    TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=crm-app -d client_secret=crm-app-secret \\
      $KC_REALM_URL/protocol/openid-connect/token \\
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

    LOCATION=\$(curl -s -D - -o /dev/null -X POST http://127.0.0.1:8081/api/leads \\
      -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
      -d '{"firstName":"Ada","lastName":"Lovelace","email":"Ada@Example.com","phone":"+44 20 7946 0958","company":"Analytical Engines Ltd","source":"web"}' \\
      | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
    echo "\$LOCATION"

    curl -s -H "Authorization: Bearer \$TOKEN" "\$LOCATION"

  A person's token (password grant, users admin, manager, rep1..rep3; password = user name):

    curl -s -d grant_type=password -d client_id=leadstream-cli -d username=admin -d password=admin \\
      $KC_REALM_URL/protocol/openid-connect/token
EOF
}
