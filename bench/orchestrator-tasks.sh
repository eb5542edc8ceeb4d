#!/usr/bin/env bash
# Orchestrator tasks benchmark: engine overhead per step and per iteration and tasks per minute, tasks with the sandbox as
# every agent and judge on the embedded stack. Usage: bench/orchestrator-tasks.sh [tasks=20] [pollers=1]
# [warm-up rounds=3] (rounds of the same tasks run first and not counted, so that the JIT has compiled the paths)
# Needs a build first (mvn -q -o install -DskipTests). Writes nothing but its report to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-20}"
pollers="${2:-1}"
warmup="${3:-3}"
mvn -q -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-Xmx1g -Dbench.warmup-rounds=$warmup -Dlogback.configurationFile=bench/logback-quiet.xml -classpath %classpath dev.athanor.local.platform.OrchestratorBench $tasks $pollers" \
  -Dexec.workingdir="$PWD"
