#!/usr/bin/env bash
# Every figure of issue 13 (quality.md P1–P8) in one command, each against its own baseline measured in the same run;
# each benchmark writes its own section of docs/benchmarks.md.
#
#   benchmarks/run.sh            brings the suite up if it is not (deploy/local/up.sh, which builds what is missing and
#                                the load generator), then P7, P3, P4, P5 (each on a service copy or database of its
#                                own), then P1, P8, P2 and P6 on the running suite, then the profile (JFR under P8's
#                                load, benchmarks/pipeline/profile.sh); about an hour on 2 cores
#   benchmarks/run.sh --smoke    the same in smoke mode: a few seconds each, nothing written
#   options: --only p3,p4,...    only these (names: p1 p2 p3 p4 p5 p6 p7 p8 profile; p1, p2, p6 and p8 are one run
#                                of pipeline.sh)
#            --p3-rows N         P3's rows (100 000)
#
# Stops at the first benchmark that fails (something refused, lost or claimed twice) and names its log.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../deploy/local/lib.sh
source "$HERE/../deploy/local/lib.sh"

SMOKE=() ONLY="p1,p2,p3,p4,p5,p6,p7,p8,profile" P3_ROWS=()
while (($#)); do
  case "$1" in
    --smoke) SMOKE=(--smoke) ;;
    --only) ONLY="$2"; shift ;;
    --p3-rows) P3_ROWS=(--rows "$2"); shift ;;
    -h|--help) usage_from_header "$0"; exit 0 ;;
    *) usage_from_header "$0" >&2; die "unknown option: $1" ;;
  esac
  shift
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

"$REPO/deploy/local/up.sh"
if [[ ! -f "$HERE/pipeline/target/classpath.txt" ]]; then
  step "the load generator"
  (cd "$REPO" && ./mvnw -B -q -pl benchmarks/pipeline -am package -DskipTests) || die "building the load generator failed"
fi

# P7 first: it builds capture's tests and brings its own database, before anything else loads the machine
wants p7 && "$HERE/capture/p7.sh" "${SMOKE[@]}"
wants p3 && "$HERE/capture/p3.sh" "${SMOKE[@]}" "${P3_ROWS[@]}"
wants p4 && "$HERE/distribution/p4.sh" "${SMOKE[@]}"
wants p5 && "$HERE/insights/p5.sh" "${SMOKE[@]}"
figures=""
for f in p1 p8 p2; do wants "$f" && figures+="${figures:+,}$f"; done
if wants p6 && [[ -z "$figures" ]]; then figures=p8; fi
[[ -n "$figures" ]] && "$HERE/pipeline/pipeline.sh" "${SMOKE[@]}" --figures "$figures"
wants profile && "$HERE/pipeline/profile.sh" "${SMOKE[@]}"
ok "every figure asked for was measured${SMOKE[*]:+ (smoke: nothing written)}"
