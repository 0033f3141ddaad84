#!/usr/bin/env bash
# Runs a command next to s3proxy (the S3 server the tests use, its file system backend, in a scratch directory with a
# bucket "bench"), with S3PROXY_ENDPOINT, S3PROXY_ACCESS_KEY and S3PROXY_SECRET_KEY_FILE set; s3proxy stops with it.
# Usage: scripts/with-s3proxy.sh <command> [args...]  (from the project's root, after mvn package)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/s3proxy.classpath ]; then
  mvn -q -B -f src/test/s3proxy/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/s3proxy.classpath"
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/data/bench"
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
export S3PROXY_ENDPOINT="http://127.0.0.1:$port" S3PROXY_ACCESS_KEY=bench-access S3PROXY_SECRET_KEY_FILE="$work/secret"
"$@"
