#!/usr/bin/env bash
# Pipeline engine benchmark: engine overhead per step and jobs per minute, factory jobs with the sandbox model on the
# embedded stack (DynamoDB Local, ElasticMQ, S3Proxy). Usage: bench/pipeline-steps.sh [jobs=20] [pollers=4]
# [warm-up rounds=5] (rounds of the same jobs run first and not counted, so that the JIT has compiled the paths)
# Needs a build first (mvn -q -o install -DskipTests). Writes nothing but its report to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-20}"
pollers="${2:-4}"
warmup="${3:-5}"
mvn -q -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-Xmx1g -Dbench.warmup-rounds=$warmup -Dlogback.configurationFile=bench/logback-quiet.xml -classpath %classpath dev.athanor.local.platform.PipelineBench $jobs $pollers" \
  -Dexec.workingdir="$PWD"
