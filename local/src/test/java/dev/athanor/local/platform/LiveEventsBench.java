package dev.athanor.local.platform;

import dev.athanor.live.LiveEvents;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LocalStackExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the live events path on the local platform (bench/live-events.sh runs it): {@code clients} WebSocket
 * clients (the JDK's) listen on a team's global channel; events are published one after another, {@code rate} a
 * second, exactly as a task's state change publishes them ({@link LiveEvents}: FIFO events queue, its poller, the
 * delivery to every subscriber through the connection store and the sockets). Reports the latency from the publish
 * call (the moment after the state change is stored) to each client's receipt, p50/p99 over every delivery and over
 * each event's last client, after a warm-up of the same size that is not counted.
 */
public final class LiveEventsBench {

    private static final List<Long> PUBLISH_CALLS = new ArrayList<>();
    private static final Pattern SEQUENCE = Pattern.compile("\"seq\":(\\d+)");

    private LiveEventsBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (LocalPlatform platform = LocalPlatform.start(LocalStackExtension.template(), null, "bench-admin-key",
                port -> -1)) {
            String team = "bench-live";
            String token = platform.token(team, "member").token();
            String url = platform.surface("orchestrator").url().replace("http://", "ws://") + "/ws?token=" + token;
            LiveEvents live = platform.surface("orchestrator").context().getBean(LiveEvents.class);
            Map<Integer, long[]> received = new ConcurrentHashMap<>();
            Map<Integer, CountDownLatch> done = new ConcurrentHashMap<>();
            HttpClient http = HttpClient.newHttpClient();
            List<WebSocket> sockets = new ArrayList<>();
            CountDownLatch connected = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                sockets.add(http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        long now = System.nanoTime();
                        partial.append(data);
                        if (last) {
                            Matcher m = SEQUENCE.matcher(partial);
                            if (m.find()) {
                                int seq = Integer.parseInt(m.group(1));
                                received.get(seq)[client] = now;
                                done.get(seq).countDown();
                            } else {
                                connected.countDown(); // connection_status
                            }
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).join());
            }
            if (!connected.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not every client connected");
            }
            run(live, team, events, rate, clients, received, done, 0);
            PUBLISH_CALLS.clear();
            List<Long> all = new ArrayList<>();
            List<Long> slowest = new ArrayList<>();
            long[] sent = run(live, team, events, rate, clients, received, done, events);
            for (int i = 0; i < events; i++) {
                long[] times = received.get(events + i);
                long worst = 0;
                for (long t : times) {
                    all.add(t - sent[i]);
                    worst = Math.max(worst, t - sent[i]);
                }
                slowest.add(worst);
            }
            Collections.sort(all);
            Collections.sort(PUBLISH_CALLS);
            Collections.sort(slowest);
            System.out.printf(Locale.ROOT, "clients=%d events=%d rate=%d/s deliveries=%d%n", clients, events, rate,
                    all.size());
            System.out.printf(Locale.ROOT, "publish to client:       p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    PipelineBench.ms(all, 0.50), PipelineBench.ms(all, 0.99), PipelineBench.ms(all, 1.0));
            System.out.printf(Locale.ROOT, "publish to last client:  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    PipelineBench.ms(slowest, 0.50), PipelineBench.ms(slowest, 0.99), PipelineBench.ms(slowest, 1.0));
            System.out.printf(Locale.ROOT, "the publish call (SQS send): p50 %.1f ms  p99 %.1f ms%n",
                    PipelineBench.ms(PUBLISH_CALLS, 0.50), PipelineBench.ms(PUBLISH_CALLS, 0.99));
            sockets.forEach(WebSocket::abort);
        }
        System.exit(0); // a stand-in leaves a non-daemon thread behind
    }

    /** Publishes {@code events} events numbered from {@code first}; returns when each was sent, waits for all. */
    private static long[] run(LiveEvents live, String team, int events, int rate, int clients,
                              Map<Integer, long[]> received, Map<Integer, CountDownLatch> done, int first)
            throws InterruptedException {
        long[] sent = new long[events];
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            int seq = first + i;
            received.put(seq, new long[clients]);
            done.put(seq, new CountDownLatch(clients));
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent[i] = System.nanoTime();
            live.about(TeamId.of(team), null, "bench-task", "bench/" + seq)
                    .add("task_update", Map.of("task_id", "bench-task", "seq", seq)).publish();
            PUBLISH_CALLS.add(System.nanoTime() - sent[i]);
        }
        for (int i = 0; i < events; i++) {
            if (!done.get(first + i).await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Event " + (first + i) + " did not reach every client");
            }
        }
        return sent;
    }
}
