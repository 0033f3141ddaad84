#!/usr/bin/env bash
# Makes a streaming hot standby of the local Debian PostgreSQL cluster (the one .ci/run starts) with pg_basebackup -R,
# on port ${1:-5433}, and starts it. StandbyDumpTest dumps from it while the primary keeps writing. Needs root (it
# runs the server as the postgres user); a standby left by an earlier run is replaced.
set -euo pipefail
PORT=${1:-5433}
PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
BIN=/usr/lib/postgresql/$PG_VERSION/bin
DIR=/var/tmp/datadump-standby-$PORT

if [ -f "$DIR/postmaster.pid" ]; then
  su postgres -c "$BIN/pg_ctl -D $DIR -m immediate stop" >/dev/null 2>&1 || true
fi
rm -rf "$DIR"
mkdir -p "$DIR"
chown postgres:postgres "$DIR"
chmod 700 "$DIR"
# over the primary's Unix socket as postgres (peer authentication); -R writes standby.signal and primary_conninfo
su postgres -c "$BIN/pg_basebackup -D $DIR -R -X stream -c fast"
# Debian keeps the configuration outside the data directory: the standby gets its own
cp "/etc/postgresql/$PG_VERSION/main/pg_hba.conf" "$DIR/pg_hba.conf"
cat > "$DIR/postgresql.conf" <<CONF
port = $PORT
listen_addresses = 'localhost'
unix_socket_directories = '/var/run/postgresql'
hot_standby = on
# what the README advises for long dumps on a standby: the primary keeps the row versions a dump still reads
hot_standby_feedback = on
max_standby_streaming_delay = 30s
CONF
chown postgres:postgres "$DIR/pg_hba.conf" "$DIR/postgresql.conf"
su postgres -c "$BIN/pg_ctl -D $DIR -l $DIR/server.log -w start" >/dev/null
for i in $(seq 1 30); do
  if su postgres -c "psql -p $PORT -qAtc 'select pg_is_in_recovery()'" 2>/dev/null | grep -q t; then
    echo "standby of PostgreSQL $PG_VERSION streaming on port $PORT"
    exit 0
  fi
  sleep 1
done
echo "the standby on port $PORT did not come up; see $DIR/server.log" >&2
exit 1
