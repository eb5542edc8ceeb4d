#!/usr/bin/env bash
# Live events benchmark: latency from the publish of a state change's event to each WebSocket client, with clients
# listening on one team channel of the local platform (in memory). Usage: bench/live-events.sh [clients=100]
# [events=200] [rate per second=20]; the same number of events runs first as a warm-up and is not counted.
# Needs a build first (mvn -q -o install -DskipTests). Writes nothing but its report to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-100}"
events="${2:-200}"
rate="${3:-20}"
mvn -q -o -pl local exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-Xmx1g -Dlogback.configurationFile=bench/logback-quiet.xml -classpath %classpath dev.athanor.local.platform.LiveEventsBench $clients $events $rate" \
  -Dexec.workingdir="$PWD"
