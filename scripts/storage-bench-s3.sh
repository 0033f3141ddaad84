#!/usr/bin/env bash
# bench --storage on S3: a week of daily dumps of a whole account at about 1 % change a day, into s3proxy (its file
# system backend), printing what each day uploaded and the week's uploads against one dump; then the same week on
# file storage for the dump times. Usage: scripts/storage-bench-s3.sh [contacts] [days]  (after mvn package)
set -euo pipefail
cd "$(dirname "$0")/.."
CONTACTS=${1:-100000}
DAYS=${2:-7}
[ -f target/datadump.jar ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
echo "== S3 (s3proxy)"
# shellcheck disable=SC2016 # expanded by the inner shell, once s3proxy runs
CONTACTS=$CONTACTS DAYS=$DAYS HOME_S3="$home/s3" scripts/with-s3proxy.sh bash -c '
DATADUMP_HOME="$HOME_S3" DATADUMP_STORAGE=s3://bench/dumps DATADUMP_S3_ENDPOINT="$S3PROXY_ENDPOINT" \
  DATADUMP_S3_ACCESS_KEY="$S3PROXY_ACCESS_KEY" DATADUMP_S3_SECRET_KEY="$(cat "$S3PROXY_SECRET_KEY_FILE")" \
  DATADUMP_S3_PATH_STYLE=true java -jar target/datadump.jar bench --storage --contacts "$CONTACTS" --days "$DAYS"'
echo "== file storage"
DATADUMP_HOME="$home/file" java -jar target/datadump.jar bench --storage --contacts "$CONTACTS" --days "$DAYS"
