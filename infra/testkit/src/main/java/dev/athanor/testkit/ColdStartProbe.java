package dev.athanor.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.local.LocalLambdaContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * With {@code PROBE_LOAD=<callers>x<seconds>} it then sends the same event from that many threads for that long and
 * prints the process's peak resident memory ({@code peak_rss_mb}).
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
        // one event sent and its answer checked; its outcome as printed
        Supplier<String> call;
        Predicate<String> expected;
        if (args[1].equals("http")) {
            call = () -> "status=" + ((RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) handler)
                    .handleRequest(ApiGatewayEvents.request("GET", args[2]).build(), context).getStatusCode();
            expected = "status=200"::equals;
        } else if (args[1].equals("websocket")) {
            call = () -> {
                APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
                APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
                request.setRouteKey("$connect");
                request.setEventType("CONNECT");
                request.setConnectionId("probe-connection=");
                event.setRequestContext(request);
                return "status=" + ((RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>) handler)
                        .handleRequest(event, context).getStatusCode();
            };
            expected = "status=401"::equals;
        } else {
            call = () -> {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId("probe-1");
                record.setBody("{}");
                record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(record));
                return "batch_item_failures=" + ((RequestHandler<SQSEvent, SQSBatchResponse>) handler)
                        .handleRequest(event, context).getBatchItemFailures().size();
            };
            expected = "batch_item_failures=1"::equals;
        }
        String outcome = call.get();
        System.out.printf("cold_init_ms=%d %s common_pool_parallelism=%d classes_loaded=%d%n",
                System.currentTimeMillis() - jvmStart, outcome, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism(),
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        boolean answered = expected.test(outcome);
        String load = System.getenv("PROBE_LOAD");
        if (load != null && answered) {
            String[] shape = load.split("x");
            answered = load(call, expected, Integer.parseInt(shape[0]), Integer.parseInt(shape[1]));
        }
        System.exit(answered ? 0 : 1);
    }

    /**
     * {@code PROBE_LOAD=<callers>x<seconds>}: after the first answer, that many threads send the same event over and
     * over for that long; prints how many were answered as expected and the process's peak resident memory.
     *
     * @return whether every one was
     */
    private static boolean load(Supplier<String> call, Predicate<String> expected, int callers, int seconds)
            throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong answered = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < until) {
                    (expected.test(call.get()) ? answered : unexpected).incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("load_callers=%d load_seconds=%d answered=%d unexpected=%d peak_rss_mb=%d heap_max_mb=%d%n",
                callers, seconds, answered.get(), unexpected.get(), peakRssKb() / 1024, runtime.maxMemory() >> 20);
        return unexpected.get() == 0;
    }

    /** VmHWM of /proc/self/status: the most resident memory the process has had. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }
}
