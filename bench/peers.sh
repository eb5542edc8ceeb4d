#!/usr/bin/env bash
# Athanor's gateway beside its peers, measured in one run against one mock OpenAI upstream (model mock-20ms: it answers
# after 20 ms): the upstream direct (the reference), nginx as a plain reverse proxy (the floor any gateway is measured
# against), Portkey's open-source gateway from npm (@portkey-ai/gateway 1.15.2 on this machine's Node.js, routed with
# its x-portkey-provider and x-portkey-custom-host headers), the Micronaut floor (bench/floor built with -Pproxy: a
# Micronaut server relaying /v1 with Micronaut's proxy client and nothing else, on the gateway's versions and JVM
# flags: what the framework alone adds), and Athanor's gateway Lambda jar alone in its own JVM as behind the web
# adapter, called with an API key. At 1 and 64 clients, plain and streamed (time to first content token), every 1 s
# slice goes to one target, the targets in a new shuffled order each round, so each gateway sits idle
# for some seconds between its slices as a Lambda instance does between invocations. Each row: p50 / p99 / busy p99
# (requests started 250 ms or more into their slice) in ms, the same minus direct's (what the hop adds), requests per
# second, errors, and CPU ms per request of the target's processes (nginx: master and workers) over the measured phase
# and over the target's own slices only (what a Lambda instance, frozen between invocations, is billed for).
# Then the first request after an idle spell (all targets rest 0.05 to 10 s, then each gets one request; 10 rounds),
# and each process's peak resident memory (VmHWM) over the whole run.
# Usage: bench/peers.sh [seconds per target per phase (12)] [warm-up seconds per target per phase (15)] [runs (2)]
#        [another build's tree]
# With a fourth argument (a clone of another commit, built with mvn -DskipTests package), that build's gateway jar runs
# beside the current one as one more target, "Athanor (other)": a change on the hot path measured against the build
# before it in the same run.
# Build first: mvn -B -ntp -DskipTests install. Installs nginx-light (Debian, as root) and Portkey (npm, versions pinned
# in bench/peers/package-lock.json; Portkey's own lockfile's @hono/node-server 1.13.5, @hono/node-ws 1.2.0 and hono
# 4.9.7 forced by npm overrides: the newer @hono/node-server its ranges now resolve to breaks every streamed completion).
# Ports 8000-8002, 3001, 1336, 18000, 18001 (with another build), 18080, 18100, 18200 and 18300 must be free.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-12}
warmup=${2:-15}
runs=${3:-2}
other_tree=${4:-}
alone_port=18000
other_port=18001
nginx_port=18100
portkey_port=18200
floor_port=18300
if ! command -v nginx >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq nginx-light >/dev/null
fi
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mvn -q -B -ntp -o -f bench/floor/pom.xml package -DskipTests -Pproxy
source bench/gateway-stack.sh
key=$(new_key '{"name":"bench peers"}')

start_nginx "$nginx_port" || { echo "nginx is not installed (Debian: apt-get install nginx-light)" >&2; exit 1; }
nginx_pids="$nginx_pid,$(pgrep -P "$nginx_pid" | paste -sd, -)"
node bench/peers/node_modules/@portkey-ai/gateway/build/start-server.js --port="$portkey_port" --headless \
  > "$target/bench-portkey.log" 2>&1 &
portkey_pid=$!
pids+=($portkey_pid)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$portkey_port/")" != 000 ]; do sleep 0.2; done
# the Micronaut floor with the JVM flags of the gateway's run.sh and its client's connection locality
FLOOR_UPSTREAM="http://127.0.0.1:$mock_port" MICRONAUT_SERVER_PORT=$floor_port \
  java -XX:+TieredCompilation -XX:TieredStopAtLevel=4 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -Dmicronaut.http.client.pool.connection-locality=preferred \
  -cp bench/floor/target/proxy/function.jar dev.athanor.bench.floor.proxy.ProxyFloor > "$target/bench-floor.log" 2>&1 &
floor_pid=$!
pids+=($floor_pid)
until curl -s -o /dev/null "http://localhost:$floor_port/v1/models"; do sleep 0.2; done
java bench/GatewayLoad.java warm "http://localhost:$floor_port/v1" bench-upstream-key mock-20ms 64 60 2>/dev/null
start_alone "$alone_port" . peers-athanor
# C2 compiles the gateway's hot path under load; a server that has been up for a while has done so
java bench/GatewayLoad.java warm "http://localhost:$alone_port/v1" "$key" mock-20ms 64 60 2>/dev/null
athanor_pid=$alone_pid
if [ -n "$other_tree" ]; then
  start_alone "$other_port" "$other_tree" peers-athanor-other
  java bench/GatewayLoad.java warm "http://localhost:$other_port/v1" "$key" mock-20ms 64 60 2>/dev/null
fi

targets=(
  "direct|http://127.0.0.1:$mock_port/v1|"
  "nginx|http://127.0.0.1:$nginx_port/v1|$nginx_pids"
  "Portkey|http://127.0.0.1:$portkey_port/v1|$portkey_pid|x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$mock_port/v1|Authorization: Bearer bench-upstream-key"
  "Micronaut floor|http://127.0.0.1:$floor_port/v1|$floor_pid|Authorization: Bearer bench-upstream-key"
  "Athanor|http://127.0.0.1:$alone_port/v1|$athanor_pid|Authorization: Bearer $key"
)
[ -z "$other_tree" ] || targets+=("Athanor (other)|http://127.0.0.1:$other_port/v1|$alone_pid|Authorization: Bearer $key")
echo "$(java -version 2>&1 | head -1), Node.js $(node --version), $(nginx -v 2>&1 | sed 's/.*: //'), $(nproc) cores;" \
  "${seconds} s per target per phase, ${warmup} s warm-up each"
for run in $(seq 1 "$runs"); do
  echo
  echo "run $run"
  echo "| clients | mode | target | p50 / p99 / busy p99 (ms) | added p50 / p99 / busy p99 (ms) | rps | errors | CPU ms/req | CPU ms/req in its slices |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for clients in 1 64; do
    CLK_TCK=$(getconf CLK_TCK) java bench/GatewayLoad.java peers mock-20ms "$clients" "$seconds" "$warmup" \
      "${targets[@]}" 2>/dev/null
  done
done
echo
echo "first request after an idle spell (10 rounds)"
java bench/GatewayLoad.java idle mock-20ms 10 0.05,1,3,6,10 "${targets[@]}" 2>/dev/null
echo
echo "peak resident memory (VmHWM) over the run"
memory=("nginx|$nginx_pids" "Portkey|$portkey_pid" "Micronaut floor|$floor_pid" "Athanor|$athanor_pid")
[ -z "$other_tree" ] || memory+=("Athanor (other)|$alone_pid")
for spec in "${memory[@]}"; do
  kb=0
  processes=${spec#*|}
  for pid in ${processes//,/ }; do
    kb=$((kb + $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")))
  done
  echo "${spec%%|*}: $((kb / 1024)) MB"
done
