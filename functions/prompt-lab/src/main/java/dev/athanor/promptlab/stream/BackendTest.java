package dev.athanor.promptlab.stream;

import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.llm.http.HttpErrors;
import dev.athanor.llm.http.VendorClient;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.net.RefusedAddressException;
import dev.athanor.model.prompt.ReasonedText;
import dev.athanor.model.prompt.ReasoningExtractor;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.io.buffer.ByteArrayBufferFactory;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.body.stream.AvailableByteArrayBody;
import io.micronaut.http.client.RawHttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code test-backend}: sends the rendered prompt to the team's own backend (the request's {@code test_backend_url},
 * else the project's) and streams its answer as the same events as {@code generate}, ending with {@code done} and
 * the backend's performance: response time, time to first byte, status code. Every test that reached the backend is
 * saved to the backend-test history, a failed one with its error. The URL must pass the SSRF guard (422 otherwise);
 * the call goes through the guarded transport, whose connection may reach only an address the guard judged when
 * connecting (a name re-pointed since the check is refused then), and it never follows a redirect, which could lead
 * anywhere: a 3xx answer is the test's failure.
 */
@Singleton
@Requires(beans = {PromptProjects.class, PromptHistoryStore.class})
public class BackendTest {

    private static final Logger LOG = LoggerFactory.getLogger(BackendTest.class);
    private static final int ERROR_SNIPPET = 300;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final PromptProjects projects;
    private final PromptHistoryStore history;
    private final OutboundUrlGuard guard;
    private final JsonMapper json;
    private final BackendCall call;
    private final ScheduledExecutorService scheduler;
    private final Executor blocking;
    private final PromptLabStreamConfiguration configuration;
    private final Clock clock;
    private final RawHttpClient client;

    BackendTest(PromptProjects projects, PromptHistoryStore history, OutboundUrlGuard guard, JsonMapper json,
                VendorClient transport, EventLoopGroupRegistry loops,
                @Named(TaskExecutors.BLOCKING) Executor blocking, PromptLabStreamConfiguration configuration,
                Clock clock) {
        this.projects = projects;
        this.history = history;
        this.guard = guard;
        this.json = json;
        this.call = new BackendCall(json);
        // the event loops also time the keep-alives: a tick per stream, never blocking
        this.scheduler = loops.getDefaultEventLoopGroup();
        this.blocking = blocking;
        this.configuration = configuration;
        this.clock = clock;
        this.client = transport.guarded().client(CONNECT_TIMEOUT);
    }

    /**
     * Checks the request and starts the test; the events follow as the backend answers.
     *
     * @throws NotFoundException     when the team has no such project
     * @throws InvalidInputException when the prompt or its variables are not acceptable, no URL is known, or the URL
     *                               may not be called
     */
    public Flux<byte[]> test(TeamId team, long projectId, PromptRequest request) {
        PromptProject project = projects.get(team, projectId);
        PromptInput input = PromptInput.of(request.settings());
        String url = request.testBackendUrl() != null && !request.testBackendUrl().isBlank()
                ? request.testBackendUrl().strip() : project.testBackendUrl();
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("test_backend_url is required: set it in the request or on the project",
                    Map.of("test_backend_url", List.of("is required")));
        }
        URI target = guard.require("test_backend_url", url);
        EventStream events = new EventStream(json, scheduler, configuration.getHeartbeatInterval());
        events.event("status", "Calling " + url);
        CompletableFuture.runAsync(() -> run(team, projectId, project.providerId(), input, target, events), blocking);
        return events.body();
    }

    private void run(TeamId team, long projectId, String model, PromptInput input, URI url, EventStream events) {
        MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.POST, url.toString())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream, application/json");
        byte[] body = call.body(url, model, input).getBytes(StandardCharsets.UTF_8);
        ThinkSplitter splitter = new ThinkSplitter();
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        Long firstByteNanos = null;
        Integer status = null;
        String error = null;
        Duration timeout = configuration.getBackendTimeout();
        CompletableFuture<? extends HttpResponse<?>> exchange = Mono.from(client.exchange(request,
                AvailableByteArrayBody.create(ByteArrayBufferFactory.INSTANCE, body), null)).toFuture();
        try (ByteBodyHttpResponse<?> response = (ByteBodyHttpResponse<?>) exchange.get(timeout.toMillis(),
                TimeUnit.MILLISECONDS); InputStream answer = response.byteBody().toInputStream()) {
            firstByteNanos = System.nanoTime() - start;
            status = response.code();
            String type = response.getHeaders().get("Content-Type");
            if (status >= 400) {
                error = "The backend answered " + status + ": " + snippet(new String(answer.readAllBytes(),
                        StandardCharsets.UTF_8));
            } else if (status >= 300) {
                error = "The backend answered " + status + ", a redirect, and redirects are not followed";
            } else if (type != null && type.startsWith("text/event-stream")) {
                readEvents(answer, piece -> emit(piece, text, splitter, events));
            } else {
                emit(call.answer(new String(answer.readAllBytes(), StandardCharsets.UTF_8)), text, splitter, events);
            }
        } catch (TimeoutException e) {
            exchange.cancel(true);
            error = "The backend could not be reached: no answer within " + timeout.toSeconds() + " s";
        } catch (ExecutionException e) {
            error = unreachable(e.getCause());
        } catch (IOException | UncheckedIOException e) {
            error = "The backend could not be reached: " + describe(e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            error = "The backend test was interrupted";
        } catch (RuntimeException e) {
            LOG.warn("A backend test of project {} failed", projectId, e);
            error = "The backend test failed";
        }
        splitter.finish().forEach(part -> events.event(part.thought() ? "thought" : "token", part.text()));
        if (events.cancelled()) {
            return; // the caller left: nothing was seen, so nothing is kept
        }
        long elapsedNanos = System.nanoTime() - start;
        ReasonedText reasoned = ReasoningExtractor.extract(text.toString());
        Long saved = save(team, projectId, input, reasoned, new PromptHistoryEntry.BackendResult(url.toString(),
                status, elapsedNanos / 1_000_000, firstByteNanos == null ? null : firstByteNanos / 1_000_000, error));
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (error != null) {
            metrics.put("content", error);
        }
        metrics.put("response_time", seconds(elapsedNanos));
        metrics.put("time_to_first_byte", firstByteNanos == null ? null : seconds(firstByteNanos));
        metrics.put("status_code", status);
        metrics.put("history_id", saved);
        events.end(error == null ? "done" : "error", metrics);
    }

    private void readEvents(InputStream body, Consumer<String> pieces) throws IOException {
        try (Stream<String> lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))
                .lines()) {
            Iterator<String> each = lines.iterator();
            while (each.hasNext()) {
                String piece = call.eventText(each.next());
                if (BackendCall.END.equals(piece)) {
                    return;
                }
                if (piece != null && !piece.isEmpty()) {
                    pieces.accept(piece);
                }
            }
        }
    }

    private static void emit(String piece, StringBuilder text, ThinkSplitter splitter, EventStream events) {
        if (events.cancelled()) {
            throw new IllegalStateException("the client closed the stream");
        }
        text.append(piece);
        splitter.accept(piece).forEach(part -> events.event(part.thought() ? "thought" : "token", part.text()));
    }

    private Long save(TeamId team, long projectId, PromptInput input, ReasonedText reasoned,
                      PromptHistoryEntry.BackendResult result) {
        try {
            return history.add(team, PromptHistoryStore.Kind.BACKEND, new PromptHistoryEntry(0, projectId,
                    input.settings(), reasoned.answer(), reasoned.reasoning(), result, null, null, false,
                    clock.instant())).id();
        } catch (RuntimeException e) {
            LOG.warn("Could not save a backend test of project {} to its history", projectId, e);
            return null;
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    private static String snippet(String body) {
        String flat = body.strip();
        return flat.length() <= ERROR_SNIPPET ? flat : flat.substring(0, ERROR_SNIPPET) + "...";
    }

    /** Why no answer came: the SSRF guard's refusal in its words, else the transport's failure. */
    private static String unreachable(Throwable failure) {
        RefusedAddressException refused = HttpErrors.refusal(failure);
        if (refused != null) {
            return "The backend was not called: its host " + refused.getMessage();
        }
        Throwable cause = failure;
        while (cause instanceof HttpClientException && cause.getCause() != null) {
            cause = cause.getCause(); // the client wraps the socket's own failure
        }
        return "The backend could not be reached: " + describe(cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
