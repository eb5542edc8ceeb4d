#!/usr/bin/env bash
# Local platform start time: from launching the JVM to `GET /ready` on the factory answering 200, median of N runs.
# Each run starts in memory (--in-memory), so every run creates the tables, queues and bucket from scratch.
# Usage: bench/local-start.sh [runs]   (build first: mvn -B -ntp -DskipTests install; the default ports must be free)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cp_file=local/target/bench.classpath
mvn -q -B -ntp -pl local dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
classpath="local/target/classes:$(cat "$cp_file")"
results=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  java -XX:TieredStopAtLevel=1 -cp "$classpath" dev.athanor.local.platform.Main --in-memory > "local/target/bench-run-$i.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://localhost:8001/ready; do
    kill -0 "$pid" 2>/dev/null || { echo "run $i: platform exited, see local/target/bench-run-$i.log" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i: ready_after_ms=$ms"
  results+=("$ms")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "runs=$runs median_ready_after_ms=$median ($(java -version 2>&1 | head -1), $(nproc) cores)"
