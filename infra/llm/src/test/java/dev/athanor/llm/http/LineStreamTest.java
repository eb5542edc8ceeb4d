package dev.athanor.llm.http;

import com.sun.net.httpserver.HttpServer;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming calls, read line by line by the caller ({@link LineStream}) and pushed to a handler on the client's event
 * loop ({@link VendorHttp#streamAsync}), against a server that controls exactly when each byte leaves.
 */
class LineStreamTest {

    /**
     * A first-token deadline far below the total one, and a total one far below the stalling server's pause, so each
     * test of a deadline tells which one stopped the call even on a loaded build machine.
     */
    private static final LlmTimeouts TIMEOUTS =
            new LlmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(2500));
    /** For the streams that start: a first line written at once is never late for this first-token deadline. */
    private static final LlmTimeouts STARTED_TIMEOUTS =
            new LlmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(2000), Duration.ofMillis(2500));
    /** How long /silent and /stalls hold the connection before closing it. */
    private static final int STALL_MILLIS = 6000;
    /** Time for the client to put a finished connection back in its pool, with room for a loaded machine. */
    private static final int POOL_RETURN_MILLIS = 250;

    private HttpServer server;
    private ExecutorService handlers;

    /** The first call in a JVM loads the HTTP client, which takes longer than the deadlines under test. */
    @BeforeAll
    static void warmUp() throws IOException {
        LineStreamTest warm = new LineStreamTest();
        warm.start();
        try (LineStream stream = warm.http(LlmTimeouts.DEFAULT).stream("GET", "/split", null)) {
            while (stream.next() != null) {
                // read to the end
            }
        } finally {
            warm.stop();
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/split", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                write(out, "first li");
                pause(50);
                write(out, "ne\nsecond\r\n\nlast");
            }
        });
        server.createContext("/client-port", exchange -> {
            byte[] body = (exchange.getRemoteAddress().getPort() + "\ndata: [DONE]\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/silent", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            pause(STALL_MILLIS);
            exchange.close();
        });
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "token\n");
            pause(STALL_MILLIS);
            exchange.close();
        });
        server.createContext("/refuses", exchange -> {
            byte[] body = "{\"error\":\"slow down\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(429, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void lines_split_across_writes_arrive_whole_and_in_order() {
        List<String> lines = new ArrayList<>();
        try (LineStream stream = http(LlmTimeouts.DEFAULT).stream("GET", "/split", null)) {
            String line;
            while ((line = stream.next()) != null) {
                lines.add(line);
            }
        }

        assertEquals(List.of("first line", "second", "", "last"), lines);
    }

    @Test
    void a_finished_stream_leaves_its_connection_to_the_next_call() {
        VendorHttp http = http(LlmTimeouts.DEFAULT);
        List<String> clientPorts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (LineStream stream = http.stream("GET", "/client-port", null)) {
                clientPorts.add(stream.next());
                stream.next(); // stops at the end marker, as the providers do; close() reads the body's end
            }
            // the client puts the connection back on its event loop just after the body's end reaches us
            pause(POOL_RETURN_MILLIS);
        }

        assertEquals(1, clientPorts.stream().distinct().count(), "one kept-alive connection: " + clientPorts);
    }

    @Test
    void silence_after_the_headers_fails_at_the_first_token_deadline() {
        long start = System.nanoTime();
        LlmException e = assertThrows(LlmException.class, () -> {
            try (LineStream stream = http().stream("GET", "/silent", null)) {
                stream.next();
            }
        });

        assertEquals(LlmErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("no first token"), e.getMessage());
        assertTrue(elapsedMillis(start) < 2000, "stopped at the first-token deadline, not the total one");
    }

    @Test
    void a_stream_that_started_fails_at_the_total_deadline() {
        long start = System.nanoTime();
        List<String> lines = new ArrayList<>();
        LlmException e = assertThrows(LlmException.class, () -> {
            try (LineStream stream = http(STARTED_TIMEOUTS).stream("GET", "/stalls", null)) {
                lines.add(stream.next());
                stream.firstTokenArrived();
                stream.next();
            }
        });

        assertEquals(List.of("token"), lines);
        assertEquals(LlmErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("not finished within 2500 ms"), e.getMessage());
        long elapsed = elapsedMillis(start);
        assertTrue(elapsed >= 2450 && elapsed < 5000, "stopped at the total deadline, took " + elapsed + " ms");
    }

    @Test
    void pushed_lines_arrive_whole_and_in_order_on_the_client_event_loop() {
        List<String> lines = new ArrayList<>();
        List<String> threads = new ArrayList<>();

        http(LlmTimeouts.DEFAULT).streamAsync("GET", "/split", null, line -> {
            lines.add(line);
            threads.add(Thread.currentThread().getName());
            return LineHandler.Next.MORE;
        }).join();

        assertEquals(List.of("first line", "second", "", "last"), lines);
        assertFalse(threads.contains(Thread.currentThread().getName()), "no line was read on the caller's thread");
    }

    @Test
    void a_pushed_stream_ends_at_its_end_marker_and_leaves_its_connection_to_the_next_call() {
        VendorHttp http = http(LlmTimeouts.DEFAULT);
        List<String> clientPorts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            http.streamAsync("GET", "/client-port", null, line -> {
                if (line.equals("data: [DONE]")) {
                    return LineHandler.Next.DONE;
                }
                clientPorts.add(line);
                return LineHandler.Next.TOKEN;
            }).join();
            pause(POOL_RETURN_MILLIS);
        }

        assertEquals(3, clientPorts.size());
        assertEquals(1, clientPorts.stream().distinct().count(), "one kept-alive connection: " + clientPorts);
    }

    @Test
    void a_pushed_stream_fails_at_the_first_token_deadline_and_then_at_the_total_one() {
        long start = System.nanoTime();
        CompletionException silent = assertThrows(CompletionException.class,
                () -> http().streamAsync("GET", "/silent", null, line -> LineHandler.Next.MORE).join());
        assertTrue(elapsedMillis(start) < 2000, "stopped at the first-token deadline, not the total one");
        assertTimeout(silent, "no first token within 300 ms");

        start = System.nanoTime();
        List<String> lines = new ArrayList<>();
        CompletionException stalled = assertThrows(CompletionException.class,
                () -> http(STARTED_TIMEOUTS).streamAsync("GET", "/stalls", null, line -> {
                    lines.add(line);
                    return LineHandler.Next.TOKEN;
                }).join());
        long elapsed = elapsedMillis(start);
        assertEquals(List.of("token"), lines);
        assertTimeout(stalled, "not finished within 2500 ms");
        assertTrue(elapsed >= 2450 && elapsed < 5000, "stopped at the total deadline, took " + elapsed + " ms");
    }

    @Test
    void a_handler_that_throws_ends_the_pushed_stream_with_its_exception() {
        IllegalStateException gone = new IllegalStateException("the caller went away");

        CompletionException e = assertThrows(CompletionException.class,
                () -> http(STARTED_TIMEOUTS).streamAsync("GET", "/stalls", null, line -> {
                    throw gone;
                }).join());

        assertSame(gone, e.getCause());
    }

    @Test
    void a_refused_pushed_stream_fails_with_the_vendors_status_and_wait() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> http().streamAsync("GET", "/refuses", null, line -> LineHandler.Next.MORE).join());

        LlmException refusal = (LlmException) e.getCause();
        assertEquals(LlmErrorKind.RATE_LIMITED, refusal.kind());
        assertEquals(Duration.ofSeconds(7), refusal.retryAfter().orElseThrow());
        assertTrue(refusal.getMessage().contains("slow down"), refusal.getMessage());
    }

    private static void assertTimeout(CompletionException e, String message) {
        LlmException timeout = (LlmException) e.getCause();
        assertEquals(LlmErrorKind.TIMEOUT, timeout.kind());
        assertTrue(timeout.getMessage().contains(message), timeout.getMessage());
    }

    private VendorHttp http() {
        return http(TIMEOUTS);
    }

    private VendorHttp http(LlmTimeouts timeouts) {
        return new VendorHttp("p", "http://localhost:" + server.getAddress().getPort(), timeouts, Map.of(), null,
                body -> null, TestJson.MAPPER, TestTransport.CLIENT);
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
