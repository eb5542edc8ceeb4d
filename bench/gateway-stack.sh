# Shared set-up of the gateway benchmarks (sourced by gateway-overhead.sh and peers.sh, from the repository root):
# the mock OpenAI upstream, the local platform (its DynamoDB serves the gateway alone; it issues the team token and
# API keys), nginx as a plain reverse proxy, and the gateway's Lambda jar alone in its own JVM. Every process started
# is stopped on exit. Needs a build first: mvn -B -ntp -DskipTests install.
mock_port=${mock_port:-18080}
target=local/target
cp_file=$target/bench.classpath
mvn -q -B -ntp -pl local dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
classpath="local/target/classes:$(cat "$cp_file")"
data=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$data"' EXIT

# the JDK server otherwise waits on delayed ACKs (Nagle), adding ~40 ms to every answer; and it closes connections idle
# for 30 s, or beyond 200 idle ones, which a proxy then finds closed under its next request (nginx answers 502)
java -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.idleInterval=3600 \
  -Dsun.net.httpserver.maxIdleConnections=4096 bench/GatewayLoad.java mock "$mock_port" > "$target/bench-mock.log" 2>&1 &
pids+=($!)
OPENAI_API_KEY=bench-upstream-key OPENAI_BASE_URL="http://127.0.0.1:$mock_port/v1" ATHANOR_ADMIN_KEY=bench-admin \
  java -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp "$classpath" dev.athanor.local.platform.Main --data-dir "$data" > "$target/bench-platform.log" 2>&1 &
platform=$!
pids+=($platform)
until curl -sf -o /dev/null http://localhost:8001/ready && curl -sf -o /dev/null http://localhost:8000/health; do
  kill -0 "$platform" 2>/dev/null || { echo "platform exited, see $target/bench-platform.log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -sf -X POST http://localhost:8001/api/auth/token -H 'X-Admin-Key: bench-admin' \
  -H 'Content-Type: application/json' -d '{"team_id":"bench","role":"member"}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')
# API keys are created on the gateway with the team token (a member may create member keys for itself)
new_key() {
  curl -sf -X POST http://localhost:8000/auth/keys -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$1" | sed -E 's/.*"key":"([^"]+)".*/\1/'
}
dynamo_port=$(sed -nE 's/^Port:\s+([0-9]+).*/\1/p' "$target/bench-platform.log" | head -1)

# nginx as a plain reverse proxy to the mock on port $1 (keep-alive upstream connections, no buffering); sets
# nginx_pid (the master; its workers are its children). Returns 1 when nginx is not installed.
start_nginx() {
  command -v nginx >/dev/null || return 1
  cat > "$data/nginx.conf" <<CONF
worker_processes 2;
pid $data/nginx.pid;
error_log $data/nginx-error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  upstream mock { server 127.0.0.1:$mock_port; keepalive 128; }
  server {
    listen $1;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer bench-upstream-key";
      proxy_buffering off;
    }
  }
}
CONF
  nginx -c "$data/nginx.conf" -p "$data" > "$target/bench-nginx.log" 2>&1 &
  nginx_pid=$!
  pids+=($nginx_pid)
  until curl -sf -o /dev/null "http://localhost:$1/v1/models"; do sleep 0.2; done
}

# The gateway's Lambda jar of the build in tree $2 alone in its own JVM on port $1, as behind the web adapter, on the
# platform's DynamoDB, metering off; log name $3. Sets alone_pid.
start_alone() {
  local port=$1 tree=$2
  LAMBDA_TASK_ROOT=$tree/functions/gateway/target ATHANOR_SURFACE=gateway MICRONAUT_SERVER_PORT=$port \
  ATHANOR_AUTH_JWT_SECRET="$(cat "$data/jwt-secret")" ATHANOR_CRYPTO_LOCAL_KEY_FILE="$data/data-key" \
  ATHANOR_DYNAMODB_TABLES_BREAKERS=athanor-local-breakers ATHANOR_DYNAMODB_TABLES_PROVIDERS=athanor-local-providers \
  ATHANOR_DYNAMODB_TABLES_API_KEYS=athanor-local-api-keys ATHANOR_DYNAMODB_TABLES_RATE_LIMITS=athanor-local-rate-limits \
  ATHANOR_DYNAMODB_TABLES_BUDGETS=athanor-local-budgets \
  AWS_SERVICES_DYNAMODB_ENDPOINT_OVERRIDE="http://localhost:$dynamo_port" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=athanorlocal AWS_SECRET_ACCESS_KEY=athanorlocalsecret ATHANOR_LLM_BEDROCK_ENABLED=false \
  OPENAI_API_KEY=bench-upstream-key OPENAI_BASE_URL="http://127.0.0.1:$mock_port/v1" \
    sh "$tree/functions/gateway/src/lambda-stream/run.sh" > "$target/bench-$3.log" 2>&1 &
  alone_pid=$!
  pids+=($alone_pid)
  until curl -sf -o /dev/null "http://localhost:$port/health"; do sleep 0.2; done
}
