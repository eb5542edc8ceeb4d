package dev.athanor.local.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client (the JDK's) that queues every text message it receives, and the close code when the server
 * closes, for a test to take in order.
 */
final class SocketClient implements AutoCloseable {

    /** How long a test waits for a message that should come; a task's run takes a few seconds here. */
    static final Duration WAIT = Duration.ofSeconds(90);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SocketClient(URI uri, List<String> subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    static SocketClient connect(String url) {
        return new SocketClient(URI.create(url), List.of());
    }

    /** Connects offering the {@code bearer} subprotocol beside the token, as a browser can. */
    static SocketClient connectWithProtocol(String url, String token) {
        return new SocketClient(URI.create(url), List.of("bearer", token));
    }

    /** The HTTP status a refused handshake answered. */
    static int refusal(String url) {
        try {
            new SocketClient(URI.create(url), List.of()).close();
            throw new AssertionError("The handshake to " + url + " was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, waiting for it. */
    String next() throws InterruptedException {
        String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No message came within " + WAIT);
        }
        return message;
    }

    /** The messages up to and including the first that {@code last} accepts, skipping none. */
    List<String> until(Predicate<String> last) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        while (true) {
            String message = next();
            taken.add(message);
            if (last.test(message)) {
                return taken;
            }
        }
    }

    /** The close code the server sent, waiting for it. */
    int closeCode() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Messages received and not taken yet. */
    List<String> pending() {
        List<String> left = new ArrayList<>();
        messages.drainTo(left);
        return left;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
