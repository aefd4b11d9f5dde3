#!/usr/bin/env bash
# Two Carechart instances over one PostgreSQL, showing a chart write on one reaching WebSockets on
# both through PostgreSQL NOTIFY (each instance holds one listening connection).
#   Instance A: the embedded default (starts its own PostgreSQL in target/two-instances, seeds the demo).
#   Instance B: points QUARKUS_DATASOURCE_* at A's database (as the runtime role, like A) and verifies
#               tokens with A's key.
# scripts/TwoInstancesClient.java signs in as alice and dr.lee on A (password grant), opens Alice's
# socket on A and on B, and has dr.lee POST a lab result to Alice's chart through A's chart endpoint.
# Ports: PORT_A (18081), PORT_B (18082), PG_PORT (15532).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT_A=${PORT_A:-18081}
PORT_B=${PORT_B:-18082}
PG_PORT=${PG_PORT:-15532}
WORK=target/two-instances
# A fresh database every run (the PostgreSQL binaries in $WORK/pg-bin are kept).
rm -rf "$WORK/pgdata"
mkdir -p "$WORK"

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  echo "Both instances stopped."
}
trap cleanup EXIT

wait_ready() {
  local port=$1 name=$2
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null 2>&1; then
      echo "$name is ready on :$port"
      return 0
    fi
    sleep 0.5
  done
  echo "$name did not become ready; see $WORK/$name.log" >&2
  return 1
}

echo "Starting instance A on :$PORT_A (embedded PostgreSQL on :$PG_PORT)..."
PORT=$PORT_A MANAGEMENT_PORT=$((PORT_A + 1000)) java -Dcarechart.work.dir="$WORK" -Dcarechart.embedded.port="$PG_PORT" \
  -jar target/quarkus-app/quarkus-run.jar >"$WORK/a.log" 2>&1 &
pids+=($!)
wait_ready "$PORT_A" a

echo "Starting instance B on :$PORT_B over A's database..."
KEYS="$(pwd)/$WORK/keys"
PORT=$PORT_B MANAGEMENT_PORT=$((PORT_B + 1000)) \
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
QUARKUS_DATASOURCE_USERNAME=carechart_runtime QUARKUS_DATASOURCE_PASSWORD=carechart_runtime \
QUARKUS_FLYWAY_USERNAME=postgres QUARKUS_FLYWAY_PASSWORD=postgres \
  java -Dmp.jwt.verify.publickey.location="file:$KEYS/signing-key.pub.pem" \
       -Dsmallrye.jwt.sign.key.location="file:$KEYS/signing-key.pem" \
       -Dcarechart.demo.seed=false \
       -Dcarechart.chart.change-token-secret="$(cat "$KEYS/change-token.key")" \
       -Dcarechart.audit.chain-key-file="$KEYS/audit-chain.key" \
       -Dcarechart.quality.pseudonym-secret="$(cat "$KEYS/quality-pseudonym.key")" \
       -jar target/quarkus-app/quarkus-run.jar >"$WORK/b.log" 2>&1 &
pids+=($!)
wait_ready "$PORT_B" b

java scripts/TwoInstancesClient.java "$PORT_A" "$PORT_B"
