import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway overhead benchmark (JDK only, run with `java bench/GatewayLoad.java`).
 *
 *   mock PORT                    a minimal OpenAI-compatible upstream; model "mock-<N>ms" answers after N ms
 *   load GATEWAY DIRECT TOKEN MODEL CONCURRENCY SECONDS [WARM-UP SECONDS]
 *                                closed-loop load, same requests straight to the mock and through the gateway,
 *                                taking turns each second for SECONDS each; prints p50/p99 of both and the
 *                                difference (the gateway's added latency)
 *   warm GATEWAY TOKEN MODEL CONCURRENCY SECONDS
 *                                load on one URL only (half plain, half streamed), to bring a JVM to steady state
 *   peers MODEL CONCURRENCY SECONDS WARM-UP TARGET...
 *                                several targets side by side, plain then streamed: each 1 s slice goes to one target,
 *                                the targets in a new shuffled order every round, SECONDS slices each; a TARGET is
 *                                name|base URL|pids (comma-separated: the processes whose CPU time counts)|header...
 *                                and the first is the reference the others' added latency is taken against
 *   idle MODEL ROUNDS IDLE-SECONDS TARGET...
 *                                the first request after an idle spell, as a Lambda instance meets it between
 *                                invocations: each round, for each idle time (comma-separated seconds, shuffled), all
 *                                targets rest that long, then each gets one plain request on its kept-alive connection
 *                                (targets in a new order each time); prints per idle time and target the median and
 *                                worst latency and what the median adds over the first target's
 */
public class GatewayLoad {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("mock")) {
            mock(Integer.parseInt(args[1]));
        } else if (args[0].equals("bodies")) {
            int seconds = Integer.parseInt(args[6]);
            bodies(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), seconds, Integer.parseInt(args[7]));
        } else if (args[0].equals("peers")) {
            peers(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Arrays.asList(args).subList(5, args.length));
            System.exit(0);
        } else if (args[0].equals("idle")) {
            idle(args[1], Integer.parseInt(args[2]), args[3], Arrays.asList(args).subList(4, args.length));
            System.exit(0);
        } else if (args[0].equals("warm")) {
            int seconds = Integer.parseInt(args[5]);
            run(List.of(args[1]), args[2], args[3], false, Integer.parseInt(args[4]), seconds / 2);
            run(List.of(args[1]), args[2], args[3], true, Integer.parseInt(args[4]), seconds / 2);
            System.exit(0);
        } else {
            int seconds = Integer.parseInt(args[6]);
            int warmup = args.length > 7 ? Integer.parseInt(args[7]) : Math.max(3, seconds / 2);
            load(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), seconds, warmup);
            System.exit(0); // a client stuck on a dead connection must not keep the JVM alive
        }
    }

    // ------------------------------------------------------------------ the upstream

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"mock-(\\d+)ms\"");

    static void mock(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(200));
        server.createContext("/v1/models", exchange -> send(exchange, "application/json", """
                {"object":"list","data":[{"id":"mock-0ms","object":"model","created":0,"owned_by":"mock"},
                {"id":"mock-20ms","object":"model","created":0,"owned_by":"mock"},
                {"id":"mock-200ms","object":"model","created":0,"owned_by":"mock"}]}"""));
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

    /** Percentiles in ms over all requests, and p99 over the busy ones (started 250 ms or more into their slice). */
    record Result(double p50, double p99, double p99Busy, double rps, int errors, int requests) {
    }

    /** Requests that start this long into their slice find the target already busy (not just back from idle). */
    static final long BUSY_AFTER_NANOS = 250_000_000L;

    /** Measured phases alternate between the targets in slices this long, over connections kept open throughout. */
    static final long SLICE_NANOS = 1_000_000_000L;

    static final java.util.concurrent.ConcurrentHashMap<String, Integer> ERRORS = new java.util.concurrent.ConcurrentHashMap<>();

    static void load(String gateway, String direct, String token, String model, int concurrency, int seconds,
                     int warmup) throws Exception {
        for (boolean stream : new boolean[]{false, true}) {
            // warm both paths first so JIT and connection pools are steady
            run(List.of(direct), token, model, stream, concurrency, warmup);
            run(List.of(gateway), token, model, stream, concurrency, warmup);
            ERRORS.clear();
            // the machine's speed drifts: direct and gateway take turns each second, so both see the same drift
            List<Result> results = run(List.of(direct, gateway), token, model, stream, concurrency, 2 * seconds);
            Result d = results.get(0);
            Result g = results.get(1);
            System.out.printf("model=%s stream=%s concurrency=%d %s: direct p50=%.2f p99=%.2f ms | gateway p50=%.2f "
                            + "p99=%.2f ms rps=%.0f errors=%d | added p50=%.2f ms p99=%.2f ms%n",
                    model, stream, concurrency, stream ? "time-to-first-token" : "latency", d.p50, d.p99, g.p50, g.p99,
                    g.rps, g.errors, g.p50 - d.p50, g.p99 - d.p99);
            ERRORS.forEach((error, count) -> System.out.printf("  %d x %s%n", count, error));
        }
    }

    /**
     * Targets side by side (see the usage above): each warmed alone for WARM-UP seconds, then measured together in
     * shuffled 1 s slices, plain then streamed. Prints a Markdown row per target: latency (time to first content token
     * when streamed) p50, p99 and busy p99, what it adds over the first target, requests per second, errors, and the
     * CPU milliseconds its processes spent per request it answered: over the whole measured phase (an upper bound at
     * low load: a process's background work while the others have their slices counts too), and over its own slices
     * only (what a Lambda instance, frozen between invocations, is billed for).
     */
    static void peers(String model, int concurrency, int seconds, int warmup, List<String> specs) throws Exception {
        List<String> names = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        List<long[]> pids = new ArrayList<>();
        parseTargets(specs, names, targets, pids);
        for (boolean stream : new boolean[]{false, true}) {
            for (Target target : targets) {
                runTargets(List.of(target), "", model, stream, concurrency, warmup);
            }
            ERRORS.clear();
            long[] before = pids.stream().mapToLong(GatewayLoad::cpuTicks).toArray();
            long[] ownSlices = new long[targets.size()];
            List<Result> results = runTargets(targets, "", model, stream, concurrency, targets.size() * seconds, true,
                    pids, ownSlices);
            long[] after = pids.stream().mapToLong(GatewayLoad::cpuTicks).toArray();
            Result reference = results.get(0);
            for (int t = 0; t < targets.size(); t++) {
                Result r = results.get(t);
                double cpu = pids.get(t).length == 0 || r.requests() == 0 ? Double.NaN
                        : (after[t] - before[t]) * 1000.0 / CLOCK_TICKS / r.requests();
                double inSlices = pids.get(t).length == 0 || r.requests() == 0 ? Double.NaN
                        : ownSlices[t] * 1000.0 / CLOCK_TICKS / r.requests();
                System.out.printf("| %d | %s | %s | %.2f / %.2f / %.2f | %+.2f / %+.2f / %+.2f | %.0f | %d | %.2f | %.2f |%n",
                        concurrency, stream ? "stream TTFT" : "plain", names.get(t), r.p50(), r.p99(), r.p99Busy(),
                        r.p50() - reference.p50(), r.p99() - reference.p99(), r.p99Busy() - reference.p99Busy(),
                        r.rps(), r.errors(), cpu, inSlices);
            }
            ERRORS.forEach((error, count) -> System.out.printf("  %d x %s%n", count, error));
        }
    }

    /** TARGET arguments (name|base URL|pids|header...) into their names, targets and processes, in order. */
    static void parseTargets(List<String> specs, List<String> names, List<Target> targets, List<long[]> pids) {
        for (String spec : specs) {
            String[] parts = spec.split("\\|");
            names.add(parts[0]);
            pids.add(parts.length > 2 && !parts[2].isBlank()
                    ? Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray() : new long[0]);
            StringBuilder headers = new StringBuilder();
            for (int h = 3; h < parts.length; h++) {
                headers.append("\r\n").append(parts[h]);
            }
            targets.add(new Target(parts[1], "plain", headers.toString()));
        }
    }

    /** See the usage above. */
    static void idle(String model, int rounds, String idleSeconds, List<String> specs) throws Exception {
        List<String> names = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        parseTargets(specs, names, targets, new ArrayList<>());
        List<Double> idles = Arrays.stream(idleSeconds.split(",")).map(Double::parseDouble).toList();
        Connection[] connections = new Connection[targets.size()];
        List<byte[]> requests = new ArrayList<>();
        List<URI> uris = new ArrayList<>();
        for (Target target : targets) {
            URI uri = URI.create(target.base() + "/chat/completions");
            uris.add(uri);
            requests.add(request(uri, "", model, false, target.body(), target.headers()));
        }
        // [idle][target][round]
        long[][][] samples = new long[idles.size()][targets.size()][rounds];
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < rounds; round++) {
            List<Integer> idleOrder = new ArrayList<>();
            for (int i = 0; i < idles.size(); i++) {
                idleOrder.add(i);
            }
            java.util.Collections.shuffle(idleOrder, random);
            for (int i : idleOrder) {
                Thread.sleep((long) (idles.get(i) * 1000));
                List<Integer> order = new ArrayList<>();
                for (int t = 0; t < targets.size(); t++) {
                    order.add(t);
                }
                java.util.Collections.shuffle(order, random);
                for (int t : order) {
                    URI uri = uris.get(t);
                    long start = System.nanoTime();
                    try {
                        if (connections[t] == null) {
                            connections[t] = new Connection(uri.getHost(), uri.getPort());
                        }
                        try {
                            connections[t].exchange(requests.get(t), false);
                        } catch (Connection.Stale stale) {
                            connections[t].close();
                            connections[t] = new Connection(uri.getHost(), uri.getPort());
                            connections[t].exchange(requests.get(t), false);
                        }
                    } catch (Exception e) {
                        ERRORS.merge(names.get(t) + ": " + e, 1, Integer::sum);
                        connections[t] = null;
                    }
                    samples[i][t][round] = System.nanoTime() - start;
                }
            }
        }
        System.out.println("| idle (s) | target | median / worst (ms) | added median (ms) |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < idles.size(); i++) {
            double reference = percentile(sorted(samples[i][0]), 0.5);
            for (int t = 0; t < targets.size(); t++) {
                long[] values = sorted(samples[i][t]);
                double median = percentile(values, 0.5);
                System.out.printf("| %s | %s | %.2f / %.2f | %+.2f |%n", idles.get(i), names.get(t), median,
                        values[values.length - 1] / 1e6, median - reference);
            }
        }
        ERRORS.forEach((error, count) -> System.out.printf("  %d x %s%n", count, error));
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Clock ticks a second in /proc's CPU times ({@code getconf CLK_TCK}; 100 on Linux). */
    static final long CLOCK_TICKS = Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));

    /** User + system CPU time of these processes so far, in clock ticks (from /proc/PID/stat). */
    static long cpuTicks(long[] pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("No process " + pid, e);
            }
        }
        return ticks;
    }

    /**
     * Three bodies, to the upstream and through the gateway, taking turns each second in one phase (six targets): a
     * plain request, the same offering two tools, and a plain request whose message is as many bytes longer as the
     * tools are. What the gateway adds to each, with the machine's drift the same for all: tools minus long is what
     * handling tools costs beyond carrying their bytes.
     */
    static void bodies(String gateway, String direct, String token, String model, int concurrency, int seconds,
                       int warmup) throws Exception {
        List<String> kinds = List.of("plain", "tools", "long");
        for (boolean stream : new boolean[]{false, true}) {
            List<Target> targets = new ArrayList<>();
            for (String kind : kinds) {
                runTargets(List.of(new Target(direct, kind)), token, model, stream, concurrency, warmup / 3);
                runTargets(List.of(new Target(gateway, kind)), token, model, stream, concurrency, warmup / 3);
                targets.add(new Target(direct, kind));
                targets.add(new Target(gateway, kind));
            }
            ERRORS.clear();
            List<Result> r = runTargets(targets, token, model, stream, concurrency, targets.size() * seconds);
            StringBuilder line = new StringBuilder(String.format("model=%s stream=%s concurrency=%d %s added by the "
                    + "gateway:", model, stream, concurrency, stream ? "time-to-first-token" : "latency"));
            double[] p50 = new double[kinds.size()];
            double[] p99 = new double[kinds.size()];
            for (int k = 0; k < kinds.size(); k++) {
                p50[k] = r.get(2 * k + 1).p50 - r.get(2 * k).p50;
                p99[k] = r.get(2 * k + 1).p99 - r.get(2 * k).p99;
                line.append(String.format(" %s p50=%.2f p99=%.2f ms (rps %.0f) |", kinds.get(k), p50[k], p99[k],
                        r.get(2 * k + 1).rps));
            }
            line.append(String.format(" tools-plain p50=%+.2f p99=%+.2f | long-plain p50=%+.2f p99=%+.2f |"
                            + " tools-long p50=%+.2f p99=%+.2f ms | errors=%d", p50[1] - p50[0], p99[1] - p99[0],
                    p50[2] - p50[0], p99[2] - p99[0], p50[1] - p50[2], p99[1] - p99[2],
                    r.stream().mapToInt(Result::errors).sum()));
            System.out.println(line);
            ERRORS.forEach((error, count) -> System.out.printf("  %d x %s%n", count, error));
        }
    }

    /** Where a load sends its requests, which body (plain, tools or long), and any headers of its own. */
    record Target(String base, String body, String headers) {

        Target(String base, String body) {
            this(base, body, "");
        }

        static List<Target> of(List<String> bases) {
            String body = "tools".equals(System.getenv("BENCH_BODY")) ? "tools" : "plain";
            return bases.stream().map(base -> new Target(base, body)).toList();
        }
    }

    static List<Result> run(List<String> bases, String token, String model, boolean stream, int concurrency,
                            int seconds) throws Exception {
        return runTargets(Target.of(bases), token, model, stream, concurrency, seconds);
    }

    /**
     * Closed-loop clients, each on its own kept-alive connection to every target, speaking HTTP/1.1 over a plain
     * socket: a load generator far lighter than the system under test, so the two share the cores without the load
     * dominating. With several targets, all clients send to one target at a time, taking turns each slice; a
     * request counts for the target of the slice it started in.
     */
    static List<Result> runTargets(List<Target> to, String token, String model, boolean stream, int concurrency,
                                   int seconds) throws Exception {
        return runTargets(to, token, model, stream, concurrency, seconds, false);
    }

    /** As above; {@code shuffled}: each round of slices visits the targets in a new random order. */
    static List<Result> runTargets(List<Target> to, String token, String model, boolean stream, int concurrency,
                                   int seconds, boolean shuffled) throws Exception {
        return runTargets(to, token, model, stream, concurrency, seconds, shuffled, null, null);
    }

    /**
     * As above; when {@code pids} are given (each target's processes), {@code ownSlices} receives each target's CPU
     * clock ticks spent during its own slices.
     */
    static List<Result> runTargets(List<Target> to, String token, String model, boolean stream, int concurrency,
                                   int seconds, boolean shuffled, List<long[]> pids, long[] ownSlices)
            throws Exception {
        int targets = to.size();
        int[] schedule = new int[seconds + targets];
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round * targets < schedule.length; round++) {
            List<Integer> order = new ArrayList<>();
            for (int t = 0; t < targets; t++) {
                order.add(t);
            }
            if (shuffled) {
                java.util.Collections.shuffle(order, random);
            }
            for (int t = 0; t < targets && round * targets + t < schedule.length; t++) {
                schedule[round * targets + t] = order.get(t);
            }
        }
        List<String> bases = to.stream().map(target -> target.base() + " " + target.body()).toList();
        List<URI> uris = to.stream().map(target -> URI.create(target.base() + "/chat/completions")).toList();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            requests.add(request(uris.get(i), token, model, stream, to.get(i).body(), to.get(i).headers()));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        long[][][] samples = new long[targets][concurrency][2_000_000 / concurrency];
        boolean[][][] busy = new boolean[targets][concurrency][2_000_000 / concurrency];
        int[][] counts = new int[targets][concurrency];
        int[][] errors = new int[targets][concurrency];
        List<Thread> threads = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                Connection[] connections = new Connection[targets];
                while (running.get()) {
                    long start = System.nanoTime();
                    long slice = (start - began) / SLICE_NANOS;
                    int target = schedule[(int) Math.min(slice, schedule.length - 1)];
                    URI uri = uris.get(target);
                    try {
                        if (connections[target] == null) {
                            connections[target] = new Connection(uri.getHost(), uri.getPort());
                        }
                        long first;
                        try {
                            first = connections[target].exchange(requests.get(target), stream);
                        } catch (Connection.Stale stale) {
                            // the server closed the kept-alive connection while it sat idle (Node.js after 5 s): as
                            // HTTP clients do, open a new one and send again; the time it takes counts
                            connections[target].close();
                            connections[target] = new Connection(uri.getHost(), uri.getPort());
                            first = connections[target].exchange(requests.get(target), stream);
                        }
                        if (counts[target][index] < samples[target][index].length) {
                            busy[target][index][counts[target][index]] =
                                    (start - began) % SLICE_NANOS >= BUSY_AFTER_NANOS;
                            samples[target][index][counts[target][index]++] = first - start;
                        }
                        if (!connections[target].keepAlive) {
                            connections[target].close();
                            connections[target] = null;
                        }
                    } catch (Exception e) {
                        errors[target][index]++;
                        ERRORS.merge(String.valueOf(e), 1, Integer::sum);
                        if (connections[target] != null) {
                            connections[target].close();
                            connections[target] = null;
                        }
                    }
                }
                for (Connection connection : connections) {
                    if (connection != null) {
                        connection.close();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        if (pids != null) {
            // at each slice's end, the CPU the slice's target spent during it
            Thread sampler = new Thread(() -> {
                long[] last = pids.stream().mapToLong(GatewayLoad::cpuTicks).toArray();
                for (int slice = 0; slice < seconds; slice++) {
                    long end = began + (slice + 1) * SLICE_NANOS;
                    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(left);
                    }
                    long[] now = pids.stream().mapToLong(GatewayLoad::cpuTicks).toArray();
                    int owner = schedule[slice];
                    ownSlices[owner] += now[owner] - last[owner];
                    last = now;
                }
            });
            sampler.start();
            threads.add(sampler);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        double elapsed = (System.nanoTime() - began) / 1e9 / targets;
        List<Result> results = new ArrayList<>();
        for (int target = 0; target < targets; target++) {
            int total = Arrays.stream(counts[target]).sum();
            long[] all = new long[total];
            long[] busyOnes = new long[total];
            int at = 0;
            int busyAt = 0;
            for (int t = 0; t < concurrency; t++) {
                System.arraycopy(samples[target][t], 0, all, at, counts[target][t]);
                at += counts[target][t];
                for (int i = 0; i < counts[target][t]; i++) {
                    if (busy[target][t][i]) {
                        busyOnes[busyAt++] = samples[target][t][i];
                    }
                }
            }
            Arrays.sort(all);
            busyOnes = Arrays.copyOf(busyOnes, busyAt);
            Arrays.sort(busyOnes);
            Result result = new Result(percentile(all, 0.50), percentile(all, 0.99), percentile(busyOnes, 0.99),
                    total / elapsed, Arrays.stream(errors[target]).sum(), total);
            System.err.printf("  %s%s %.0fs: p50=%.2f p99=%.2f ms rps=%.0f errors=%d%n", bases.get(target),
                    stream ? " stream" : "", elapsed, result.p50, result.p99, result.rps, result.errors);
            results.add(result);
        }
        return results;
    }

    /**
     * Two function tools as an agent offers them, sent with every request when BENCH_BODY=tools (and beside plain
     * and long requests in the "bodies" mode): what parsing, checking and mapping tools adds to a call.
     */
    static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"The weather in a city now\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\",\"description\":\"City name\"},\"unit\":{\"type\":\"string\","
            + "\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"],\"additionalProperties\":false}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"search_docs\",\"description\":\"Search the docs\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},\"limit\":"
            + "{\"type\":\"integer\",\"minimum\":1,\"maximum\":20}},\"required\":[\"query\"]}}}],"
            + "\"tool_choice\":\"auto\"";

    static byte[] request(URI uri, String token, String model, boolean stream, String kind, String headers) {
        String message = kind.equals("long") ? "Say hello" + " padding".repeat(TOOLS.length() / 8) : "Say hello";
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + message
                + "\"}]" + (kind.equals("tools") ? TOOLS : "")
                + (stream ? ",\"stream\":true" : "") + "}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: " + (stream ? "text/event-stream" : "application/json")
                + (headers.contains("Authorization:") ? "" : "\r\nAuthorization: Bearer " + token) + headers
                + "\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One kept-alive HTTP/1.1 connection: writes a request, reads the response (length-delimited or chunked). */
    static final class Connection {

        private static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);

        private final java.net.Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int exchanges;
        boolean keepAlive;

        /** A kept-alive connection the server had closed before it answered anything. */
        static final class Stale extends IOException {

            Stale(Throwable cause) {
                super("stale connection", cause);
            }
        }

        Connection(String host, int port) throws IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000); // a stream that never ends must not stall the whole run
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        /** Sends the request; returns when the whole answer arrived, or for a stream when its first token did. */
        long exchange(byte[] request, boolean stream) throws IOException {
            String status;
            try {
                out.write(request);
                out.flush();
                status = line();
            } catch (IOException e) {
                if (exchanges > 0) {
                    throw new Stale(e);
                }
                throw e;
            }
            exchanges++;
            int code = status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : 0;
            long length = -1;
            boolean chunked = false;
            keepAlive = true;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    keepAlive = false;
                }
            }
            Body body = new Body(stream && code == 200);
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    body.read(in, size);
                    line(); // the CRLF after the chunk
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                body.read(in, length);
            } else {
                keepAlive = false;
                body.read(in, Long.MAX_VALUE);
            }
            if (code != 200) {
                throw new IOException("status " + code + " " + body.text());
            }
            if (stream && body.firstToken == 0) {
                throw new IOException("no content in the stream");
            }
            return stream ? body.firstToken : System.nanoTime();
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // done with it either way
            }
        }

        /** Reads body bytes, keeping a short prefix for error messages and noting the first non-empty content. */
        private static final class Body {

            private final boolean watch;
            private final java.io.ByteArrayOutputStream prefix = new java.io.ByteArrayOutputStream();
            private int matched;
            long firstToken;

            Body(boolean watch) {
                this.watch = watch;
            }

            void read(InputStream in, long size) throws IOException {
                byte[] buffer = new byte[8192];
                long left = size;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        if (size == Long.MAX_VALUE) {
                            return;
                        }
                        throw new IOException("connection closed mid-body");
                    }
                    left -= n;
                    if (prefix.size() < 300) {
                        prefix.write(buffer, 0, Math.min(n, 300));
                    }
                    if (watch && firstToken == 0) {
                        scan(buffer, n);
                    }
                }
            }

            /** A content token is "content":" followed by anything but the closing quote (the role chunk is empty). */
            private void scan(byte[] buffer, int n) {
                for (int i = 0; i < n && firstToken == 0; i++) {
                    if (matched == CONTENT.length) {
                        if (buffer[i] != '"') {
                            firstToken = System.nanoTime();
                        }
                        matched = 0;
                    } else if (buffer[i] == CONTENT[matched]) {
                        matched++;
                    } else {
                        matched = buffer[i] == CONTENT[0] ? 1 : 0;
                    }
                }
            }

            String text() {
                return prefix.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
