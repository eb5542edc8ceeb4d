import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway overhead benchmark (JDK only, run with `java bench/GatewayLoad.java`).
 *
 *   mock PORT                    a minimal OpenAI-compatible upstream; model "mock-<N>ms" answers after N ms
 *   load GATEWAY DIRECT TOKEN MODEL CONCURRENCY SECONDS
 *                                closed-loop load, same requests straight to the mock and through the gateway;
 *                                prints p50/p99 of both and the difference (the gateway's added latency)
 */
public class GatewayLoad {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("mock")) {
            mock(Integer.parseInt(args[1]));
        } else {
            load(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            System.exit(0); // the HTTP client's worker threads would keep the JVM alive
        }
    }

    // ------------------------------------------------------------------ the upstream

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"mock-(\\d+)ms\"");

    static void mock(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(200));
        server.createContext("/v1/models", exchange -> send(exchange, "application/json", """
                {"object":"list","data":[{"id":"mock-0ms","object":"model","created":0,"owned_by":"mock"},
                {"id":"mock-20ms","object":"model","created":0,"owned_by":"mock"}]}"""));
        server.createContext("/v1/chat/completions", GatewayLoad::complete);
        server.start();
        System.out.println("mock upstream on " + port);
    }

    private static void complete(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher model = MODEL.matcher(body);
        long delay = model.find() ? Long.parseLong(model.group(1)) : 0;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!body.contains("\"stream\":true")) {
            send(exchange, "application/json", """
                    {"id":"chatcmpl-mock","object":"chat.completion","created":1,"model":"mock",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the mock upstream."},
                     "finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}""");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String word : new String[]{"Hello", " from", " the", " mock", " upstream."}) {
                out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word + "\"},\"finish_reason\":null}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}\n\n"
                    + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------ the load

    record Result(double p50, double p99, double rps, int errors) {
    }

    static void load(String gateway, String direct, String token, String model, int concurrency, int seconds)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        for (boolean stream : new boolean[]{false, true}) {
            // warm both paths first so JIT and connection pools are steady
            run(client, direct, token, model, stream, concurrency, Math.max(3, seconds / 2));
            run(client, gateway, token, model, stream, concurrency, Math.max(3, seconds / 2));
            Result d = run(client, direct, token, model, stream, concurrency, seconds);
            Result g = run(client, gateway, token, model, stream, concurrency, seconds);
            System.out.printf("model=%s stream=%s concurrency=%d %s: direct p50=%.2f p99=%.2f ms | gateway p50=%.2f "
                            + "p99=%.2f ms rps=%.0f errors=%d | added p50=%.2f ms p99=%.2f ms%n",
                    model, stream, concurrency, stream ? "time-to-first-token" : "latency", d.p50, d.p99, g.p50, g.p99,
                    g.rps, g.errors, g.p50 - d.p50, g.p99 - d.p99);
        }
    }

    static Result run(HttpClient client, String base, String token, String model, boolean stream, int concurrency,
                      int seconds) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"
                + (stream ? ",\"stream\":true" : "") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> perThread = new ArrayList<>();
        int[] errors = new int[concurrency];
        int[] counts = new int[concurrency];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            long[] samples = new long[2_000_000 / concurrency];
            perThread.add(samples);
            int index = t;
            pool.execute(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        long first = stream ? untilFirstToken(client, request) : untilComplete(client, request);
                        if (counts[index] < samples.length) {
                            samples[counts[index]++] = first - start;
                        }
                    } catch (Exception e) {
                        errors[index]++;
                    }
                }
            });
        }
        long began = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - began) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Result(percentile(all, 0.50), percentile(all, 0.99), total / elapsed, Arrays.stream(errors).sum());
    }

    private static long untilComplete(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        return System.nanoTime();
    }

    /** Time to the first content piece; the rest of the stream is read so the connection can be reused. */
    private static long untilFirstToken(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("status " + response.statusCode());
        }
        long first = 0;
        InputStream body = response.body();
        // a stream that never ends must not stall the whole run
        var guard = WATCHDOG.schedule(() -> {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }, 30, TimeUnit.SECONDS);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (first == 0 && line.startsWith("data:") && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    first = System.nanoTime();
                }
            }
        } finally {
            guard.cancel(false);
        }
        if (first == 0) {
            throw new IOException("no content in the stream");
        }
        return first;
    }

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "stream-watchdog");
                thread.setDaemon(true);
                return thread;
            });

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
