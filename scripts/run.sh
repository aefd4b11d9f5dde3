#!/usr/bin/env bash
# Runs Carechart on its embedded default: builds if needed, starts a local PostgreSQL 17 whose data
# lives in .carechart/pgdata (kept across restarts), seeds the demo data once, and serves on :8080.
# Extra arguments go to the service, e.g. `scripts/run.sh --patients 50000` for a large data set.
# With QUARKUS_DATASOURCE_REACTIVE_URL (and _JDBC_URL, _USERNAME, _PASSWORD) set, it uses that database instead.
# The embedded PostgreSQL runs on Linux (x86-64, ARM64; glibc) and macOS (x86-64, ARM64); where it cannot
# (as root without user namespaces, Alpine, Windows) the service says so in one line: use an external one.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then
  echo "scripts/run.sh needs Java 17 or newer on the PATH" >&2
  exit 1
fi
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi
exec java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar "$@"
