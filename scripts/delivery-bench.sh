#!/usr/bin/env bash
# bench --delivery with s3proxy (the S3 server the tests use, its file system backend) as the tenant's bucket and an
# Apache MINA SSHD server started by the bench as the tenant's SFTP server; OpenSSH's sftp and the AWS SDK's PutObject
# copy the same bytes as baselines. Usage: scripts/delivery-bench.sh [contacts] [reps]  (after mvn package)
set -euo pipefail
cd "$(dirname "$0")/.."
CONTACTS=${1:-100000}
REPS=${2:-3}
[ -f target/datadump.jar ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 1; }
if [ ! -f target/s3proxy.classpath ]; then
  mvn -q -B -f src/test/s3proxy/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/s3proxy.classpath"
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/data"
cat > "$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/data
PROPS
printf 'bench-secret-key' > "$work/secret"
java -Dlogback.configurationFile="$PWD/src/test/s3proxy/logback.xml" -cp "$(cat target/s3proxy.classpath)" \
  org.gaul.s3proxy.Main --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
s3proxy=$!
trap 'kill $s3proxy 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
DATADUMP_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) DATADUMP_DELIVERY_PRIVATE_NETWORKS=true \
  java -jar target/datadump.jar bench --delivery --contacts "$CONTACTS" --reps "$REPS" \
    --s3-endpoint "http://127.0.0.1:$port" --s3-access-key bench-access --s3-secret-key-file "$work/secret"
