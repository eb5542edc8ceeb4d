#!/usr/bin/env bash
# Cold init of queue worker jars, interleaved: JVM start to the first SQS event answered (one record of a type nobody
# handles, reported failed), for each <jar>=<handler class>=<ATHANOR_SURFACE> given, one after the other, N rounds.
# The environment is the factory worker's of template.yaml with made-up resource names: nothing is contacted.
# Usage: bench/worker-cold-init.sh <runs> <jar>=<handler>=<surface>...
# e.g.   bench/worker-cold-init.sh 7 functions/factory/target/function.jar=dev.athanor.core.work.QueueWorker=factory \
#                                  functions/ledger/target/function.jar=dev.athanor.core.work.QueueWorker=ledger
# Build first: mvn -B -ntp -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
runs=$1; shift
probe=infra/testkit/target/classes:infra/local/stack/target/classes
key=$(mktemp); head -c 32 /dev/urandom > "$key"; trap 'rm -f "$key"' EXIT
cold_init() { # jar handler surface
  env -i PATH="$PATH" AWS_REGION=us-east-1 ATHANOR_SURFACE="$3" MICRONAUT_SECURITY_ENABLED=false \
    ATHANOR_DYNAMODB_TABLES_BREAKERS=b ATHANOR_DYNAMODB_TABLES_PROVIDERS=p ATHANOR_QUEUES_USAGE=http://localhost:1/u \
    ATHANOR_QUEUES_WORK=http://localhost:1/w ATHANOR_PIPELINE_MAX_RECEIVE_COUNT=5 ATHANOR_FACTORY_INTAKE_QUEUE=i \
    ATHANOR_DYNAMODB_TABLES_SETTINGS=s ATHANOR_ARTIFACTS_BUCKET=a ATHANOR_DYNAMODB_TABLES_EXECUTIONS=e \
    ATHANOR_DYNAMODB_TABLES_CHECKPOINTS=c ATHANOR_DYNAMODB_TABLES_EXPERIENCES=x ATHANOR_DYNAMODB_TABLES_BUDGETS=bu \
    ATHANOR_DYNAMODB_TABLES_ACTIVITY=ac ATHANOR_DYNAMODB_TABLES_AGENTS=ag ATHANOR_CRYPTO_LOCAL_KEY_FILE="$key" \
    java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
    -cp "$1:$probe" dev.athanor.testkit.ColdStartProbe "$2" sqs 2>&1 | grep -o 'cold_init_ms=[0-9]*' | cut -d= -f2
}
for i in $(seq 1 "$runs"); do
  line="round $i:"
  for spec in "$@"; do
    IFS='=' read -r jar handler surface <<< "$spec"
    [ -f "$jar" ] || { echo "$jar missing: build first" >&2; exit 1; }
    ms=$(cold_init "$jar" "$handler" "$surface")
    [ -n "$ms" ] || { echo "$jar did not answer" >&2; exit 1; }
    line="$line $surface=${ms}ms"
  done
  echo "$line"
done
