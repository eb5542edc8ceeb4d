#!/usr/bin/env bash
# Retrieval at size on the embedded stack: for each namespace size (chunks of 384-dimension vectors, default
# 1000 10000 100000), the store's write rate into DynamoDB Local, the Lucene HNSW build rate, the cold start of a
# namespace (read back from DynamoDB and indexed) and warm query latency p50/p99 (version read + search, k=5).
# Usage: bench/rag.sh [chunk counts...]. Needs a build first (mvn -q -o install -DskipTests). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${*:-1000 10000 100000}"
mvn -q -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-Xmx3g -Dlogback.configurationFile=bench/logback-quiet.xml -classpath %classpath dev.athanor.local.rag.RagBench $sizes" \
  -Dexec.workingdir="$PWD"
