#!/usr/bin/env bash
# Peak resident memory (VmHWM) of every function Lambda invokes directly, each jar alone in a JVM sized as a Lambda
# instance (-XX:MaxRAM), its probe event sent by many threads at once for a while. The gateway's server under the
# 64-client peer load: bench/peers.sh prints its peak memory at the end.
# Usage: bench/memory.sh [memory MB=1024] [callers=64] [seconds=20] [function...]
# Needs a build first: mvn -B -ntp -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
memory=${1:-1024}; callers=${2:-64}; seconds=${3:-20}; shift $(( $# < 3 ? $# : 3 ))
mvn -q -B -ntp -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-classpath %classpath dev.athanor.local.platform.MemoryBench $memory $callers $seconds $*" \
  -Dexec.workingdir="$PWD"
