#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL for the ledger tests, then print the URL.
#
#   eval "$(scripts/postgres.sh)"        # exports GONGKAI_TEST_POSTGRES_URL
#   .venv/bin/pytest tests/ledger        # now also runs every ledger test on PostgreSQL
#
# Idempotent: reuses a server already answering on 127.0.0.1:$PGPORT, a Debian cluster
# (pg_ctlcluster) if one exists, otherwise initdb's a throw-away cluster under $PGDATA_DIR.
# Needs root for apt-get and for running commands as the postgres user.
set -euo pipefail

PGPORT="${PGPORT:-5432}"
DB="${GONGKAI_PG_DB:-gongkai_test}"
ROLE="${GONGKAI_PG_USER:-gongkai}"
PASSWORD="${GONGKAI_PG_PASSWORD:-gongkai}"
PGDATA_DIR="${PGDATA_DIR:-/tmp/gongkai-pg}"

log() { echo "postgres.sh: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
VERSION="$(basename "$(dirname "$BIN")")"

as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi; }

if pg_isready -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
  log "a server already answers on 127.0.0.1:$PGPORT; reusing it"
elif command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3==p {f=1} END {exit !f}'; then
  cluster="$(pg_lsclusters -h | awk -v p="$PGPORT" '$3==p {print $1" "$2; exit}')"
  log "starting Debian cluster $cluster"
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start >&2
else
  if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    log "initdb into $PGDATA_DIR"
    mkdir -p "$PGDATA_DIR" && chown postgres:postgres "$PGDATA_DIR"
    as_postgres "$BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  log "starting PostgreSQL $VERSION on 127.0.0.1:$PGPORT"
  as_postgres "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp" start >&2
fi

for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 1; done
pg_isready -q -h 127.0.0.1 -p "$PGPORT" || { log "server did not come up"; exit 1; }

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -q -h /var/run/postgresql -p "$PGPORT" -d postgres "$@" 2>/dev/null \
  || as_postgres psql -v ON_ERROR_STOP=1 -q -h /tmp -p "$PGPORT" -d postgres "$@"; }

psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB;
  ELSE ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB; END IF; END \$\$;" >&2
if ! psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0" >&2
fi

URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PGPORT/$DB"
log "ready: $URL"
echo "export GONGKAI_TEST_POSTGRES_URL=$URL"
