#!/usr/bin/env bash
# Logs never hold tokens or personal data (docs/security.md, "Logs"): scans what the five services logged since a mark
# for the system tests' leads' email addresses (…@example.com, .org, .net) and phone numbers (+1 202 …), and for bearer
# tokens (a JWT: eyJ….eyJ…). Each finding is printed masked (file and line number, the match's kind), never itself.
#
#   deploy/local/scan-logs.sh --mark FILE   write each service log's current size to FILE (before the run)
#   deploy/local/scan-logs.sh FILE          scan what each log gained since FILE's sizes; exit 1 on a finding
#
# deploy/local/test.sh marks before it starts the services and scans after the system tests. Before it scans, the
# script checks that its patterns find a sample of each kind (a pattern that matches nothing would pass every log).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# kind<TAB>extended regular expression
PATTERNS=$'email\t[A-Za-z0-9._%+-]+@example\\.(com|org|net)\nphone\t\\+1[ -]?202[ -]?[0-9]{3}[ -]?[0-9]{4}\ntoken\teyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}'
SAMPLES=$'email\tlead katherine.1a2b3c4d@example.com created\nphone\tcalled +1 202 245 0199\nphone\tcalled +12022450199\ntoken\tAuthorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig'

usage() { usage_from_header "$0"; }

self_check() {
  local kind sample regex
  while IFS=$'\t' read -r kind sample; do
    regex="$(awk -F'\t' -v k="$kind" '$1 == k { print $2 }' <<<"$PATTERNS")"
    grep -qE "$regex" <<<"$sample" || die "scan-logs.sh: the $kind pattern misses its sample; fix the pattern"
  done <<<"$SAMPLES"
}

mark() {
  local s f
  : >"$1"
  for s in "${SERVICES[@]}"; do
    f="$(log_file "$s")"
    printf '%s\t%s\n' "$f" "$(stat -c %s "$f" 2>/dev/null || echo 0)" >>"$1"
  done
}

scan() {
  local file offset kind regex found=0 hits
  self_check
  while IFS=$'\t' read -r file offset; do
    [[ -f "$file" ]] || continue
    while IFS=$'\t' read -r kind regex; do
      hits="$(tail -c +"$((offset + 1))" "$file" | grep -nE "$regex" | cut -d: -f1 | head -5 | paste -sd, - || true)"
      if [[ -n "$hits" ]]; then
        err "$(rel "$file"): $kind found in what was logged since the mark (its lines ${hits})"
        found=1
      fi
    done <<<"$PATTERNS"
  done <"$1"
  ((found == 0)) || return 1
  ok "no email address, phone number or token in the services' logs of this run"
}

case "${1:-}" in
  --mark) [[ -n "${2:-}" ]] || { usage >&2; exit 2; }; mark "$2" ;;
  -h|--help) usage ;;
  "") usage >&2; exit 2 ;;
  *) scan "$1" ;;
esac
