#!/usr/bin/env bash
# Installs the pinned spec tools of package.json into scripts/api-tools/node_modules (npm only), once.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/spectral ] || [ package.json -nt node_modules/.installed ]; then
  npm install --no-audit --no-fund --silent >/dev/null
  touch node_modules/.installed
fi
