#!/usr/bin/env bash
# A TypeScript client generated from the published spec (openapi-generator 7.25.0, typescript-fetch) must
# compile with tsc --strict. Generates into target/ts-client; no network at run time beyond npm's first install.
#   scripts/check-ts-client.sh [spec]     (default openapi/openapi.yaml)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="${1:-$root/openapi/openapi.yaml}"
"$root/scripts/api-tools/install.sh"
tools="$root/scripts/api-tools"
out="$root/target/ts-client"
rm -rf "$out"
mkdir -p "$out"
(cd "$tools" && node_modules/.bin/openapi-generator-cli generate -g typescript-fetch -i "$spec" -o "$out" \
  --additional-properties=supportsES6=true,typescriptThreePlus=true,withInterfaces=false >"$out/generate.log" 2>&1) \
  || { cat "$out/generate.log" >&2; exit 1; }
grep -E "^\[main\] WARN" "$out/generate.log" | sort | uniq -c || true
cat > "$out/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "strict": true, "target": "ES2020", "module": "ES2020", "moduleResolution": "node",
    "lib": ["ES2020", "DOM"], "noEmit": true, "skipLibCheck": false
  },
  "include": ["**/*.ts"]
}
JSON
"$tools/node_modules/.bin/tsc" -p "$out/tsconfig.json"
echo "TypeScript client: $(find "$out" -name '*.ts' | wc -l) files compile with tsc --strict"
