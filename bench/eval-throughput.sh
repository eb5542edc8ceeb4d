#!/usr/bin/env bash
# Evaluation throughput: one LLM-as-judge evaluation of [samples=20] xsum samples (3 calls each) against a vendor that
# answers every call after [latency ms=500], on the embedded stack, with [pollers=4] worker pollers standing for
# concurrent Lambda invocations. Usage: bench/eval-throughput.sh [samples] [pollers] [latency ms]
# Needs a build first (mvn -q -o install -DskipTests). Writes nothing but its report to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${1:-20}"
pollers="${2:-4}"
latency="${3:-500}"
mvn -q -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-Xmx1g -Dlogback.configurationFile=bench/logback-quiet.xml -classpath %classpath dev.athanor.local.platform.EvalBench $samples $pollers $latency" \
  -Dexec.workingdir="$PWD"
