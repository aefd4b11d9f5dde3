#!/usr/bin/env bash
# The published spec (openapi/) must be exactly what the code generates (target/openapi/, written by
# the Quarkus build). `refresh` copies the generated spec over; `check` compares them by hand (the build
# itself checks in Java: src/test/java/org/carechart/contract/SpecFileIT.java, run by ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
for f in openapi.yaml openapi.json; do
  if [ ! -f "target/openapi/$f" ]; then
    echo "target/openapi/$f is missing: build first (./mvnw package -DskipTests)" >&2
    exit 1
  fi
done
case "$mode" in
  refresh)
    mkdir -p openapi
    cp target/openapi/openapi.yaml target/openapi/openapi.json openapi/
    echo "openapi/ refreshed from the code"
    ;;
  check)
    for f in openapi.yaml openapi.json; do
      if ! cmp -s "target/openapi/$f" "openapi/$f"; then
        diff -u "openapi/$f" "target/openapi/$f" | head -40 >&2 || true
        echo "" >&2
        echo "openapi/$f differs from the spec the code generates." >&2
        echo "Refresh and commit it: ./mvnw package -DskipTests && scripts/openapi.sh refresh" >&2
        exit 1
      fi
    done
    echo "openapi/ matches the code"
    ;;
  *) echo "usage: scripts/openapi.sh [check|refresh]" >&2; exit 2 ;;
esac
