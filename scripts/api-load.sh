#!/usr/bin/env bash
# API load check: serves a demo account on loopback and runs wrk against GET /v1/datadump/contacts with a valid key,
# printing requests/s and latency percentiles. Bounded: DURATION seconds and at most REQUESTS answers.
# Every answer must be the 302 redirect; any other status fails the check.
# Usage: scripts/api-load.sh [duration-seconds=10] [connections=16] [requests=500000]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}
REQUESTS=${3:-500000}
PORT=${DATADUMP_LOAD_PORT:-18480}
JAR=target/datadump.jar

for tool in wrk curl; do
  command -v "$tool" >/dev/null && continue
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
  else
    echo "$tool is not installed: apt-get install $tool (Debian/Ubuntu)" >&2
    exit 1
  fi
done
[ -f "$JAR" ] || mvn -B -q package -DskipTests
export DATADUMP_HOME=$(mktemp -d /tmp/datadump-apiload.XXXXXX)
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$DATADUMP_HOME"
}
trap cleanup EXIT
unset DATADUMP_DB_URL DATADUMP_STORAGE

ACCOUNT=$(java -jar "$JAR" accounts create --name "Load Check GmbH" --datadump 2>/dev/null)
java -jar "$JAR" generate --account "$ACCOUNT" --scale 1 >/dev/null 2>&1
java -jar "$JAR" dump --account "$ACCOUNT" >/dev/null 2>&1
KEY=$(java -jar "$JAR" keys create --account "$ACCOUNT" --name load-check 2>/dev/null)

DATADUMP_PORT=$PORT java ${DATADUMP_LOAD_JAVA_OPTS:-} -jar "$JAR" serve --no-scheduler --host 127.0.0.1 >"$DATADUMP_HOME/serve.log" 2>&1 &
SERVER=$!
URL="http://127.0.0.1:$PORT/v1/datadump/contacts"
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break
  sleep 0.5
done
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-KEY: $KEY" "$URL")
if [ "$STATUS" != 302 ]; then
  echo "load check FAILED: expected 302 from $URL before the load, got $STATUS" >&2
  exit 1
fi
# warm-up (JIT), then the measured run
wrk -t2 -c"$CONNECTIONS" -d3s -H "X-API-KEY: $KEY" "$URL" >/dev/null
# DATADUMP_LOAD_DUMPS=1: the account is dumped again and again while the load runs (the API under a nightly window)
DUMPER=""
if [ "${DATADUMP_LOAD_DUMPS:-0}" = 1 ]; then
  ( end=$((SECONDS + DURATION)); while [ $SECONDS -lt $end ]; do
      java -jar "$JAR" dump --account "$ACCOUNT" >>"$DATADUMP_HOME/dumps.log" 2>&1 || true
    done ) &
  DUMPER=$!
fi
echo "wrk: $CONNECTIONS connections, 2 threads, ${DURATION}s or $REQUESTS answers, GET /v1/datadump/contacts with a valid key${DUMPER:+, dumping the account over and over meanwhile}"
OUT=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-API-KEY: $KEY" \
  -s scripts/api-load.lua "$URL" -- "$REQUESTS")
echo "$OUT"
if [ -n "$DUMPER" ]; then
  wait "$DUMPER" || true
  echo "dumps published during the load: $(grep -c ' published' "$DATADUMP_HOME/dumps.log" || true)"
fi
if ! echo "$OUT" | grep -q "^answers other than 302: 0$"; then
  echo "load check FAILED: some answers were not the redirect" >&2
  exit 1
fi
