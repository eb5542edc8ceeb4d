#!/usr/bin/env bash
# Where the gateway's CPU goes under one client, the shape a Lambda instance serves: the gateway's Lambda jar alone in
# its own JVM (as bench/peers.sh starts it, on the local platform's DynamoDB, against the mock upstream answering in
# 20 ms), warmed 30 s at 64 clients and [warm-up] s at one client, then [seconds] s more at one client (half plain,
# half streamed) while three things are measured: the process's CPU and context switches (perf stat), each thread's
# CPU (/proc), and async-profiler's CPU samples (itimer; collapsed stacks in local/target/one-client-cpu.txt, one line
# a stack, the thread first: open with any flame graph tool, or grep).
# Usage: bench/one-client-profile.sh [seconds (20)] [warm-up seconds at one client (60)] [clients measured (1)]
# (with a third argument the measured window has that many clients, for the same view of the 64-client load)
# Build first: mvn -B -ntp -DskipTests install. Needs perf (Debian: linux-perf). Ports 8000-8002, 3001, 18000 and 18080.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
warmup=${2:-60}
clients=${3:-1}
command -v perf >/dev/null || { echo "perf is not installed (Debian: apt-get install linux-perf)" >&2; exit 1; }
mvn -q -B -ntp dependency:copy -Dartifact=tools.profiler:async-profiler:3.0 -DoutputDirectory="$PWD/local/target" >/dev/null
profiler=local/target/async-profiler
rm -rf "$profiler" && mkdir -p "$profiler"
unzip -q -o local/target/async-profiler-3.0.jar linux-x64/libasyncProfiler.so -d "$profiler"
agent=$PWD/$profiler/linux-x64/libasyncProfiler.so
source bench/gateway-stack.sh
key=$(new_key '{"name":"bench one client"}')
alone_port=18000
start_alone "$alone_port" . one-client
url="http://localhost:$alone_port/v1"
java bench/GatewayLoad.java warm "$url" "$key" mock-20ms 64 30 >/dev/null 2>&1
java bench/GatewayLoad.java warm "$url" "$key" mock-20ms 1 "$warmup" >/dev/null 2>&1

# each thread's CPU ticks (user + system), by thread id
threads() {
  for task in /proc/$alone_pid/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue # ended meanwhile
    echo "$(basename "$task") $(echo "${stat##*) }" | awk '{print $12 + $13}') $(tr ' ' '_' < "$task/comm" 2>/dev/null)"
  done | sort
}
java bench/GatewayLoad.java warm "$url" "$key" mock-20ms "$clients" $((seconds + 8)) > "$target/one-client-load.txt" 2>&1 &
load=$!
sleep 4
threads > "$target/one-client-threads-0.txt"
# the inner quotes keep jcmd from reading the agent's options as its own
jcmd "$alone_pid" JVMTI.agent_load "$agent" "\"start,event=itimer,interval=1ms,threads\"" >/dev/null
perf stat -e task-clock,context-switches -p "$alone_pid" -- sleep "$seconds" 2> "$target/one-client-perf.txt"
jcmd "$alone_pid" JVMTI.agent_load "$agent" "\"stop,file=$PWD/$target/one-client-cpu.txt,collapsed\"" >/dev/null
threads > "$target/one-client-threads-1.txt"
wait "$load"

echo "load (plain, then streamed; the measured window spans both):"
cat "$target/one-client-load.txt"
echo
grep -E "task-clock|context-switches" "$target/one-client-perf.txt"
echo
echo "CPU by thread over the window (ms):"
join "$target/one-client-threads-0.txt" "$target/one-client-threads-1.txt" \
  | awk -v tick="$(getconf CLK_TCK)" '{ms = ($4 - $2) * 1000 / tick; if (ms > 0) cpu[$3] += ms} END {for (t in cpu) printf "%8.0f %s\n", cpu[t], t}' \
  | sort -rn
echo
echo "async-profiler samples by thread (of $(awk '{s += $NF} END {print s}' "$target/one-client-cpu.txt")):"
awk '{n = $NF; split($0, f, ";"); t = f[1]; gsub(/[0-9]+|tid=|\[|\]/, "", t); s[t] += n} END {for (t in s) printf "%8d %s\n", s[t], t}' \
  "$target/one-client-cpu.txt" | sort -rn | head -8
echo "stacks: $target/one-client-cpu.txt"
