#!/usr/bin/env bash
# Lint the five committed OpenAPI documents (docs/api/*.yaml) with Spectral and the OWASP API Security Top 10 (2023)
# ruleset, pinned in deploy/local/contract-lint/package-lock.json; the rules that do not fit are turned off in
# deploy/local/contract-lint/spectral.yaml, each with its reason. Fails on any error (warnings are printed, not fatal).
# Installs Node.js (apt-get) and the two npm packages (npm ci) when missing. Run by deploy/local/test.sh.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LINT_DIR="$REPO/deploy/local/contract-lint"

log="$(log_file contract-lint)"
: >"$log"
step "Spectral (OWASP ruleset) on docs/api/*.yaml"
ensure_node_packages "$LINT_DIR" "$log"
cd "$LINT_DIR"
documents=("$REPO"/docs/api/*.yaml)
if npx --no-install spectral lint --ruleset spectral.yaml --fail-severity error --display-only-failures \
    "${documents[@]}"; then
  ok "${#documents[@]} documents, no error (spectral-cli $(node -p 'require("@stoplight/spectral-cli/package.json").version'), owasp ruleset $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/@stoplight/spectral-owasp-ruleset/package.json")).version'))"
else
  die "Spectral found errors in the committed OpenAPI documents (fix the code that generates them, or turn a rule off in $(rel "$LINT_DIR/spectral.yaml") with its reason)"
fi
