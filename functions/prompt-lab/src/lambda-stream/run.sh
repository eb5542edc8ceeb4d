#!/bin/sh
# Entry point of the streaming prompt-lab function (generate, test-backend): the Lambda Web Adapter layer
# (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap) runs this script, waits for the Netty server to answer its readiness path,
# then relays each invocation to it and streams the response back (AWS_LWA_INVOKE_MODE=response_stream). The flags
# below win over the template's global JAVA_TOOL_OPTIONS: the server lives as long as its instance, so it runs with
# full tiered compilation, and the common pool gets two threads on one or two vCPUs (see the gateway's run.sh).
exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=4 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -cp "${LAMBDA_TASK_ROOT:-.}/function.jar" dev.athanor.promptlab.PromptLabApplication
