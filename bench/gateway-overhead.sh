#!/usr/bin/env bash
# Gateway overhead: the same chat requests sent straight to a fast local mock of the OpenAI API and through the
# gateway, at 1 and 64 concurrent clients, plain and streamed. Added latency = gateway percentile - direct
# percentile; streams are measured to the first content token. Direct and gateway take turns each second over the
# measured phase (kept-alive connections to both), so a drift in the machine's speed touches both alike. Three
# set-ups, each printed under its own heading:
#   platform  the local platform (every surface, the embedded stand-ins and the worker in one JVM), metering on
#   alone     the gateway's Lambda jar alone in its own JVM, as behind the web adapter, on the platform's DynamoDB
#             (breakers, providers), metering off: what the gateway itself adds
#   reference nginx as a plain reverse proxy to the same upstream (keep-alive upstream connections, no buffering):
#             what one extra hop costs on this machine at this moment, the floor any gateway is measured against.
#             Needs nginx on the PATH (Debian: apt-get install nginx-light); skipped with a note otherwise
# Credentials: each load phase runs once per credential, one after the other on the same warmed gateway: the team
# JWT, an API key without limits (checked in memory after its first use), and an API key with a budget and request
# and token limits (a conditional counter write, a budget reserve and settle per call). Their difference is what the
# key check and the limits add; set CREDENTIALS="jwt" to measure the token alone as before.
# Bodies: each load phase runs once per request body, BODIES="plain tools" by default: a plain chat request, and the
# same request offering two function tools (tool_choice auto), so what tools add shows as the difference.
# BODIES=interleaved sends three bodies in one phase instead, direct and through the gateway, taking turns each second
# (6 targets): plain, with tools, and a plain one whose message is as long as the tools; it prints what the gateway
# adds to each and the differences, the steadier measure of what tools add (tools - long: beyond their bytes).
# Set-up "previous": the gateway's Lambda jar of another build, alone like "alone" (port 18001), to compare builds in
# one run: PREVIOUS_TREE=<a checkout of that build, packaged with mvn -o -DskipTests package -pl functions/gateway -am>.
# Usage: bench/gateway-overhead.sh [seconds per phase] [models] [set-ups] [warm-up seconds]
#   model mock-20ms: the upstream takes 20 ms, like a fast model; mock-0ms answers at once; mock-200ms
#   warm-up: 64 clients through the gateway before measuring (default 90 s), so C2 has compiled the hot path, as it
#   has on a server that has been up for a while; the load client also warms each path for 30 s before each phase,
#   because C2 compiles again for ~30 s whenever the mix of requests changes (plain to streamed and back)
# Build first: mvn -B -ntp -DskipTests install; ports 8000-8002, 3001, 1336, 18000 and 18080 must be free.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
models=${2:-"mock-20ms"}
setups=${3:-"reference alone platform"}
warmup=${4:-90}
alone_port=18000
previous_port=18001
reference_port=18100
source bench/gateway-stack.sh
key_plain=$(new_key '{"name":"bench plain"}')
key_limited=$(new_key '{"name":"bench limited","budget_usd":1000000,"budget_period":"month","requests_per_minute":1000000000,"tokens_per_minute":1000000000}')
credentials=${CREDENTIALS:-"jwt key limited-key"}
echo "$(java -version 2>&1 | head -1), $(nproc) cores, ${seconds}s per phase"

for setup in $setups; do
  gateway=http://localhost:8000/v1
  if [ "$setup" = reference ]; then
    start_nginx "$reference_port" || { echo "== reference: skipped, nginx is not installed"; continue; }
    gateway=http://localhost:$reference_port/v1
  elif [ "$setup" = alone ] || [ "$setup" = previous ]; then
    tree=.
    port=$alone_port
    if [ "$setup" = previous ]; then
      tree=${PREVIOUS_TREE:?set PREVIOUS_TREE to the checkout of the build to compare}
      port=$previous_port
    fi
    start_alone "$port" "$tree" "$setup"
    gateway=http://localhost:$port/v1
  fi
  # WARM_BODY=tools warms with requests offering tools (the code that reads and maps them gets compiled too)
  [ "$setup" = reference ] || BENCH_BODY=${WARM_BODY:-plain} java bench/GatewayLoad.java warm "$gateway" "$token" \
    mock-20ms 64 "$warmup" 2>/dev/null
  echo "== $setup"
  for model in $models; do
    for concurrency in 1 64; do
      for body in ${BODIES:-plain tools}; do
      for credential in $credentials; do
        case "$credential" in
          jwt) secret=$token ;;
          key) secret=$key_plain ;;
          limited-key) secret=$key_limited ;;
        esac
        # the reference proxy ignores credentials: one run of it is enough
        [ "$setup" = reference ] && [ "$credential" != jwt ] && continue
        echo "-- credential: $credential, body: $body"
        mode=load
        [ "$body" = interleaved ] && mode=bodies
        BENCH_BODY=$body java bench/GatewayLoad.java $mode "$gateway" "http://127.0.0.1:$mock_port/v1" "$secret" \
          "$model" "$concurrency" "$seconds" 30 2>/dev/null
      done
      done
    done
  done
done
