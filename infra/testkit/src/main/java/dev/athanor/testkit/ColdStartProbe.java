package dev.athanor.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.local.LocalLambdaContext;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Starts a function the way Lambda does, in a fresh JVM whose classpath is the function's shaded jar (plus this
 * class): the handler's no-arg constructor, configuration from environment variables, one event. Prints
 * {@code cold_init_ms} (JVM start to the answer) and the outcome; exits 0 when the function answered as expected.
 * <p>
 * {@code ColdStartProbe <handler class> http <path>}: an API Gateway payload 1.0 GET, expecting 200.<br>
 * {@code ColdStartProbe <handler class> sqs}: one SQS record of a type nobody handles, expecting it reported failed.<br>
 * {@code ColdStartProbe <handler class> websocket}: an API Gateway WebSocket {@code $connect} without credentials,
 * expecting 401 (the handshake refused before any I/O).
 * <p>
 * Whatever happens, it exits: a handler that throws leaves the JVM held open by its context's threads otherwise.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        try {
            probe(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    @SuppressWarnings("unchecked")
    private static void probe(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        LocalLambdaContext context = new LocalLambdaContext("probe");
        String outcome;
        boolean expected;
        if (args[1].equals("http")) {
            APIGatewayProxyRequestEvent event = ApiGatewayEvents.request("GET", args[2]).build();
            APIGatewayProxyResponseEvent response = ((RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) handler)
                    .handleRequest(event, context);
            outcome = "status=" + response.getStatusCode();
            expected = response.getStatusCode() == 200;
        } else if (args[1].equals("websocket")) {
            APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
            APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
            request.setRouteKey("$connect");
            request.setEventType("CONNECT");
            request.setConnectionId("probe-connection=");
            event.setRequestContext(request);
            APIGatewayV2WebSocketResponse response = ((RequestHandler<APIGatewayV2WebSocketEvent,
                    APIGatewayV2WebSocketResponse>) handler).handleRequest(event, context);
            outcome = "status=" + response.getStatusCode();
            expected = response.getStatusCode() == 401;
        } else {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("probe-1");
            record.setBody("{}");
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(record));
            SQSBatchResponse response = ((RequestHandler<SQSEvent, SQSBatchResponse>) handler).handleRequest(event, context);
            outcome = "batch_item_failures=" + response.getBatchItemFailures().size();
            expected = response.getBatchItemFailures().size() == 1;
        }
        System.out.printf("cold_init_ms=%d %s common_pool_parallelism=%d classes_loaded=%d%n",
                System.currentTimeMillis() - jvmStart, outcome, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism(),
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        System.exit(expected ? 0 : 1);
    }
}
