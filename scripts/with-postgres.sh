#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15 server: initdb into a temp dir owned by
# the postgres user, start it on a free loopback port, export DATABASE_URL, stop it at the end.
# Usage: scripts/with-postgres.sh npm test
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || dirname "$(command -v initdb)")}
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
dir=$(mktemp -d /tmp/gw-pg.XXXXXX)
chmod 755 "$dir"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"

cleanup() {
  as_postgres "'$PG_BIN/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_postgres "'$PG_BIN/initdb' -D '$dir/data' -U postgres --auth=trust --locale=C.UTF-8 --encoding=UTF8" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log"; exit 1; }
as_postgres "'$PG_BIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" start" >/dev/null \
  || { cat "$dir/server.log"; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL 15 on 127.0.0.1:$port ($dir)"
"$@"
