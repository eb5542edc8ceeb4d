#!/usr/bin/env bash
# Gateway overhead: the same chat requests sent straight to a fast local mock of the OpenAI API and through the
# gateway (local platform, in memory, metering on), at 1 and 64 concurrent clients, plain and streamed.
# Added latency = gateway percentile - direct percentile. Streams are measured to the first content token.
# Usage: bench/gateway-overhead.sh [seconds per phase] [model]
#   model mock-0ms: the upstream answers at once (saturates the machine: shows throughput)
#   model mock-20ms: the upstream takes 20 ms, like a fast model (shows overhead without saturation)
# Build first: mvn -B -ntp -DskipTests install; ports 8000-8002, 3001, 1336 and 18080 must be free.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
models=${2:-"mock-20ms mock-0ms"}
mock_port=18080
cp_file=infra/local/platform/target/bench.classpath
mvn -q -B -ntp -pl infra/local/platform dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
classpath="infra/local/platform/target/classes:$(cat "$cp_file")"
log=infra/local/platform/target/bench-gateway.log

# the JDK server otherwise waits on delayed ACKs (Nagle), adding ~40 ms to every answer
java -Dsun.net.httpserver.nodelay=true bench/GatewayLoad.java mock "$mock_port" > infra/local/platform/target/bench-mock.log 2>&1 &
mock=$!
OPENAI_API_KEY=bench-upstream-key OPENAI_BASE_URL="http://127.0.0.1:$mock_port/v1" ATHANOR_ADMIN_KEY=bench-admin \
  java -cp "$classpath" dev.athanor.local.platform.Main --in-memory > "$log" 2>&1 &
platform=$!
trap 'kill $platform $mock 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://localhost:8001/ready && curl -sf -o /dev/null http://localhost:8000/health; do
  kill -0 "$platform" 2>/dev/null || { echo "platform exited, see $log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -sf -X POST http://localhost:8001/api/auth/token -H 'X-Admin-Key: bench-admin' \
  -H 'Content-Type: application/json' -d '{"team_id":"bench","role":"member"}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "$(java -version 2>&1 | head -1), $(nproc) cores, ${seconds}s per phase"
for model in $models; do
  for concurrency in 1 64; do
    java bench/GatewayLoad.java load http://localhost:8000/v1 "http://127.0.0.1:$mock_port/v1" "$token" "$model" \
      "$concurrency" "$seconds"
  done
done
