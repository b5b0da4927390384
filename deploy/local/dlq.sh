#!/usr/bin/env bash
# Replays a service's dead-letter topic (leads.dlq.<service>) once the cause of its dead letters is fixed: every record
# dead-lettered since the last replay goes back to the topic it came from, with its key, value and CloudEvents headers
# (the dead-letter-* ones dropped). Every consumer of that topic receives it again; those that applied it skip it
# (their inbox knows its ce_id), the one that dead-lettered it applies it now, or dead-letters it again while the cause
# is still there. Where the replay stopped is kept as the consumer group leads.dlq.<service>.replay's offset, so the
# next replay takes only what was dead-lettered since. The chassis' DeadLetterReplay, run with the service's own jars.
#
#   deploy/local/dlq.sh capture              replay capture-service's dead letters
#   deploy/local/dlq.sh capture --dry-run    list them (type, lead, original topic, reason); change nothing
#
# Services: capture, scoring, distribution, nurture, insights. Needs Kafka (deploy/local/up.sh) and the service built.
# How many were dead-lettered: the counter leadstream.events.dead.lettered{consumer,type} on the service's management port (/q/metrics on its HTTP port + 1000, e.g. 9081 for capture).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

service="${1:-}"
case "$service" in
  capture|scoring|distribution|nurture|insights) shift ;;
  -h|--help) usage_from_header "$0"; exit 0 ;;
  *) usage_from_header "$0" >&2; die "which service's dead letters? (capture, scoring, distribution, nurture, insights)" ;;
esac
for arg in "$@"; do
  [[ "$arg" == --dry-run ]] || { usage_from_header "$0" >&2; die "unknown option: $arg"; }
done
lib="$REPO/$service-service/target/quarkus-app/lib/main"
[[ -d "$lib" ]] || die "$(rel "$lib") missing — build the service first (deploy/local/up.sh --build)"
port_open "$KAFKA_PORT" || die "Kafka does not answer on 127.0.0.1:$KAFKA_PORT — run deploy/local/up.sh first"
ensure_java
step "dead letters of $service-service (leads.dlq.$service)${1:+: dry run}"
# (the service's logging backend is not on this class path: slf4j's note about it is left out)
"$JAVA" -cp "$lib/*" io.leadstream.chassis.replay.DeadLetterReplay --bootstrap "127.0.0.1:$KAFKA_PORT" \
  --topic "leads.dlq.$service" "$@" 2> >(grep -v -e '^SLF4J' -e '^org.slf4j.spi.SLF4JServiceProvider' >&2)
