#!/usr/bin/env bash
# Proves that memory does not grow with table size: dumps a 1,000,000-row contacts table with a 256 MB heap, then
# dumps it again converting every table to Parquet at dump time (DATADUMP_PRECOMPUTE_FORMATS) with the same heap.
# Uses a throw-away DATADUMP_HOME (embedded PostgreSQL). Usage: scripts/memory-check.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
JAR=target/datadump.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
export DATADUMP_HOME=$(mktemp -d /tmp/datadump-memcheck.XXXXXX)
trap 'rm -rf "$DATADUMP_HOME"' EXIT
unset DATADUMP_DB_URL DATADUMP_STORAGE

ACCOUNT=$(java -jar "$JAR" accounts create --name "Memory Check GmbH" --datadump 2>/dev/null)
java -jar "$JAR" generate --account "$ACCOUNT" --contacts-only "$ROWS" 2>/dev/null
OUT=$(java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$JAR" dump --account "$ACCOUNT" 2>&1)
echo "$OUT" | grep -E "contacts|published"
GOT=$(echo "$OUT" | awk '$1 == "contacts" {gsub(",", "", $2); print $2}')
if [ "$GOT" != "$ROWS" ]; then
  echo "memory check FAILED: expected $ROWS contacts in the dump, got '${GOT:-none}'" >&2
  exit 1
fi
echo "memory check passed: $ROWS contacts dumped with -Xmx256m"

OUT=$(DATADUMP_PRECOMPUTE_FORMATS=parquet java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$JAR" dump --account "$ACCOUNT" 2>&1)
echo "$OUT" | grep -E "made ahead|published"
if ! echo "$OUT" | grep -qE "dump [0-9]+: 26 files made ahead"; then
  echo "memory check FAILED: the Parquet conversion of every table did not complete" >&2
  exit 1
fi
echo "memory check passed: $ROWS contacts converted to Parquet with -Xmx256m"
