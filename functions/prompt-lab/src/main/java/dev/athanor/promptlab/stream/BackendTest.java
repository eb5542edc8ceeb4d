package dev.athanor.promptlab.stream;

import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.prompt.ReasonedText;
import dev.athanor.model.prompt.ReasoningExtractor;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code test-backend}: sends the rendered prompt to the team's own backend (the request's {@code test_backend_url},
 * else the project's) and streams its answer as the same events as {@code generate}, ending with {@code done} and
 * the backend's performance: response time, time to first byte, status code. Every test that reached the backend is
 * saved to the backend-test history, a failed one with its error. The URL must pass the SSRF guard (400 otherwise),
 * and is called without following redirects, which could lead anywhere.
 */
@Singleton
@Requires(beans = {PromptProjects.class, PromptHistoryStore.class})
public class BackendTest {

    private static final Logger LOG = LoggerFactory.getLogger(BackendTest.class);
    private static final int ERROR_SNIPPET = 300;

    private final PromptProjects projects;
    private final PromptHistoryStore history;
    private final OutboundUrlGuard guard;
    private final JsonMapper json;
    private final BackendCall call;
    private final ScheduledExecutorService scheduler;
    private final Executor blocking;
    private final PromptLabStreamConfiguration configuration;
    private final Clock clock;
    private final HttpClient client;

    BackendTest(PromptProjects projects, PromptHistoryStore history, OutboundUrlGuard guard, JsonMapper json,
                EventLoopGroupRegistry loops,
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
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Checks the request and starts the test; the events follow as the backend answers.
     *
     * @throws NotFoundException     when the team has no such project
     * @throws InvalidInputException when the prompt or its variables are not acceptable, or no URL is known
     * @throws HttpStatusException   400 when the URL may not be called
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
        guard.problem(url).ifPresent(problem -> {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "test_backend_url " + problem);
        });
        URI target = URI.create(url.strip());
        EventStream events = new EventStream(json, scheduler, configuration.getHeartbeatInterval());
        events.event("status", "Calling " + url);
        CompletableFuture.runAsync(() -> run(team, projectId, project.providerId(), input, target, events), blocking);
        return events.body();
    }

    private void run(TeamId team, long projectId, String model, PromptInput input, URI url, EventStream events) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(configuration.getBackendTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.body(url, model, input))).build();
        ThinkSplitter splitter = new ThinkSplitter();
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        Long firstByteNanos = null;
        Integer status = null;
        String error = null;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            firstByteNanos = System.nanoTime() - start;
            status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream body = response.body()) {
                if (status >= 400) {
                    error = "The backend answered " + status + ": " + snippet(new String(body.readAllBytes(),
                            StandardCharsets.UTF_8));
                } else if (type.startsWith("text/event-stream")) {
                    readEvents(body, piece -> emit(piece, text, splitter, events));
                } else {
                    emit(call.answer(new String(body.readAllBytes(), StandardCharsets.UTF_8)), text, splitter,
                            events);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            error = "The backend could not be reached: " + describe(e);
        } catch (InterruptedException e) {
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

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
