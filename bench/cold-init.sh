#!/usr/bin/env bash
# Cold init of one function's Lambda jar: JVM start to the first event answered, median of N runs.
# The jar runs alone (plus the probe class) in a fresh JVM, built as Lambda builds it, configured by env vars.
# Usage: bench/cold-init.sh [surface] [path] [runs]      defaults: factory /health 5
# Build first: mvn -B -ntp -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
surface=${1:-factory}; path=${2:-/health}; runs=${3:-5}
jar=functions/$surface/target/function.jar
probe=infra/testkit/target/classes:infra/local/stack/target/classes
[ -f "$jar" ] || { echo "$jar missing: build first (mvn -B -ntp -DskipTests install)" >&2; exit 1; }
results=()
for i in $(seq 1 "$runs"); do
  # the variables template.yaml gives the function (table names are not contacted to answer a health probe)
  line=$(env -i PATH="$PATH" ATHANOR_SURFACE="$surface" AWS_REGION=us-east-1 \
         ATHANOR_DYNAMODB_TABLES_SETTINGS=athanor-bench-settings ATHANOR_ARTIFACTS_BUCKET=athanor-bench-artifacts \
         ATHANOR_AUTH_JWT_SECRET=bench-signing-key-of-at-least-thirty-two-bytes \
         java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp "$jar:$probe" dev.athanor.testkit.ColdStartProbe \
         io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction http "$path" 2>&1 | grep cold_init_ms || true)
  [ -n "$line" ] || { echo "run $i failed" >&2; exit 1; }
  echo "run $i: $line"
  results+=("$(echo "$line" | sed 's/.*cold_init_ms=\([0-9]*\).*/\1/')")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "surface=$surface path=$path runs=$runs median_cold_init_ms=$median ($(java -version 2>&1 | head -1), $(nproc) cores)"
