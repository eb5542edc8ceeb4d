#!/bin/sh
# Entry point of the streaming gateway function: the Lambda Web Adapter layer (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap)
# runs this script, waits for the Netty server to answer its readiness path, then relays each invocation to it and
# streams the response back (AWS_LWA_INVOKE_MODE=response_stream). The flags below win over the template's global
# JAVA_TOOL_OPTIONS. The server lives as long as its instance, so it runs with full tiered compilation: C2 code serves
# about twice the requests per core of C1-only code. With one or two vCPUs the JDK sizes the common pool at 1, and
# CompletableFuture then starts a thread for every async task that names no executor (library code included), so the
# pool gets two threads.
exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=4 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -cp "${LAMBDA_TASK_ROOT:-.}/function.jar" dev.athanor.gateway.GatewayApplication
