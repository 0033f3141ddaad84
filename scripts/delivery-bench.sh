#!/usr/bin/env bash
# bench --delivery with s3proxy (the S3 server the tests use, its file system backend) as the tenant's bucket and an
# Apache MINA SSHD server started by the bench as the tenant's SFTP server; OpenSSH's sftp and the AWS SDK's PutObject
# copy the same bytes as baselines. Usage: scripts/delivery-bench.sh [contacts] [reps]  (after mvn package)
set -euo pipefail
cd "$(dirname "$0")/.."
CONTACTS=${1:-100000}
REPS=${2:-3}
[ -f target/datadump.jar ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 1; }
# shellcheck disable=SC2016 # expanded by the inner shell, once s3proxy runs
CONTACTS=$CONTACTS REPS=$REPS scripts/with-s3proxy.sh bash -c '
DATADUMP_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) DATADUMP_DELIVERY_PRIVATE_NETWORKS=true \
  java -jar target/datadump.jar bench --delivery --contacts "$CONTACTS" --reps "$REPS" \
    --s3-endpoint "$S3PROXY_ENDPOINT" --s3-access-key "$S3PROXY_ACCESS_KEY" --s3-secret-key-file "$S3PROXY_SECRET_KEY_FILE"'
