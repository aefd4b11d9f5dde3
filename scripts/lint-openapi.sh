#!/usr/bin/env bash
# Lints the published spec as a third party would: Spectral (spectral:oas + OWASP API Security 2.0.1) and
# Redocly (recommended). Fails on any error; prints the counts. Warnings left are explained in docs/api.md.
#   scripts/lint-openapi.sh [spec]     (default openapi/openapi.yaml)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="${1:-openapi/openapi.yaml}"
"$root/scripts/api-tools/install.sh"
bin="$root/scripts/api-tools/node_modules/.bin"
cd "$root"
status=0
report=$(mktemp)
# Exit 1 means "found errors" (counted below); anything else is Spectral failing to run.
rc=0; "$bin/spectral" lint -r scripts/api-tools/.spectral.yaml "$spec" -f json -q > "$report" || rc=$?
if [ "$rc" -gt 1 ]; then echo "Spectral did not run (exit $rc)" >&2; cat "$report" >&2; exit 2; fi
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8") || "[]");
  const by = {}; let e = 0, w = 0;
  for (const x of r) { if (x.severity === 0) e++; else if (x.severity === 1) w++; const k = x.code + (x.severity === 0 ? " (error)" : " (warning)"); by[k] = (by[k] || 0) + 1; }
  console.log("Spectral: " + e + " errors, " + w + " warnings");
  for (const [k, n] of Object.entries(by).sort((a, b) => b[1] - a[1])) console.log("  " + n + "  " + k);
  for (const x of r) if (x.severity === 0) console.log("  ERROR " + x.code + " at " + x.path.join(".") + ": " + x.message);
  process.exit(e > 0 ? 1 : 0);' "$report" || status=1
rm -f "$report"
redocly_out=$("$bin/redocly" lint --config redocly.yaml "$spec" 2>&1) || status=1
echo "$redocly_out" | grep -E "error|warning|valid" | grep -v "Node.js" || true
exit $status
