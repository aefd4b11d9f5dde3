#!/usr/bin/env bash
# Starts (or stops) Debian's PostgreSQL as the `postgres` OS user on 127.0.0.1:${PGPORT:-5433}, for
# machines where the embedded PostgreSQL cannot run initdb (no unprivileged user namespaces).
# Then: TEST_DB=external TEST_DB_URL=jdbc:postgresql://127.0.0.1:5433/postgres ./mvnw -B verify
set -euo pipefail
port=${PGPORT:-5433}
dir=${PGDATA_DIR:-/tmp/carechart-test-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_postgres "$bin/initdb -D $dir -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null"
    fi
    as_postgres "$bin/pg_ctl -D $dir -l $dir/server.log -w -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off' start >/dev/null"
    echo "PostgreSQL on 127.0.0.1:$port (data in $dir)"
    ;;
  stop)
    as_postgres "$bin/pg_ctl -D $dir -w stop >/dev/null" && echo "stopped"
    ;;
  *) echo "usage: scripts/test-postgres.sh [start|stop]" >&2; exit 2 ;;
esac
