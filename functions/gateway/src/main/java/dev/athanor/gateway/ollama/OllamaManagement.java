package dev.athanor.gateway.ollama;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.keys.KeyLimits;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.Metering;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.ollama.OllamaGenerateRequest;
import dev.athanor.model.ollama.OllamaGeneration;
import dev.athanor.model.ollama.OllamaModel;
import dev.athanor.model.ollama.OllamaPullProgress;
import dev.athanor.model.ollama.OllamaServer;
import dev.athanor.model.usage.UsageEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The operator's Ollama server managed through the gateway: any team member lists models and generates; only an
 * admin pulls and deletes, since a model on the server is there for every team. A generation is a model call like any
 * other: within the caller's API key limits (its allowed models, rate limits and budget, the model named
 * {@code ollama/<name>}) and metered to the usage ledger as a {@code generation}.
 */
@Singleton
public class OllamaManagement {

    static final String PROVIDER = "ollama";
    private static final String SURFACE = "gateway";

    private final OllamaServer ollama;
    private final KeyLimits limits;
    private final Metering metering;
    private final Clock clock;

    OllamaManagement(OllamaServer ollama, KeyLimits limits, Metering metering, Clock clock) {
        this.ollama = ollama;
        this.limits = limits;
        this.metering = metering;
        this.clock = clock;
    }

    List<OllamaModel> models() {
        return ollama.models();
    }

    /**
     * A generation, whole when {@code lines} is null, else each of Ollama's lines to {@code lines} as it arrives.
     *
     * @return Ollama's final answer, {@code response} holding the whole text
     */
    OllamaGeneration generate(TeamPrincipal caller, OllamaGenerateRequest request,
                              @Nullable Consumer<OllamaGeneration> lines) {
        requireConfigured(); // before any of the key's limits is taken
        CallContext context = CallContext.of(caller, SURFACE);
        KeyLimits.Admission admission = limits.admit(context, asChat(request));
        Instant start = clock.instant();
        AtomicReference<Instant> firstPiece = new AtomicReference<>();
        OllamaGeneration answer;
        try {
            answer = lines == null ? ollama.generate(request) : ollama.generate(request, line -> {
                if (firstPiece.get() == null && line.response() != null && !line.response().isEmpty()) {
                    firstPiece.set(clock.instant());
                }
                lines.accept(line);
            });
        } catch (RuntimeException failure) {
            admission.failed();
            metering.recorded(context, PROVIDER, request.model(), UsageEvent.GENERATION, Usage.NONE,
                    millisSince(start), null, status(failure));
            throw failure;
        }
        Usage usage = new Usage(tokens(answer.promptEvalCount()), tokens(answer.evalCount()));
        admission.succeeded(usage);
        metering.recorded(context, PROVIDER, request.model(), UsageEvent.GENERATION, usage, millisSince(start),
                firstPiece.get() == null ? null : Duration.between(start, firstPiece.get()).toMillis(), "ok");
        return answer;
    }

    /** Downloads a model to the server, each progress line to {@code progress}; admins only. */
    void pull(TeamPrincipal caller, String name, Consumer<OllamaPullProgress> progress) {
        requireAdmin(caller, "pull");
        ollama.pull(name, progress);
    }

    /** Removes a model from the server; admins only. */
    void delete(TeamPrincipal caller, String name) {
        requireAdmin(caller, "delete");
        ollama.delete(name);
    }

    /**
     * For a caller that must know before it starts (a stream, a key's limits); every call checks it too.
     *
     * @throws UnavailableException when no Ollama server is configured (503)
     */
    void requireConfigured() {
        if (!ollama.configured()) {
            throw new UnavailableException(OllamaServer.NOT_CONFIGURED);
        }
    }

    /** @throws ForbiddenException unless the caller is an admin of their team */
    static void requireAdmin(TeamPrincipal caller, String what) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only a team admin may " + what + " Ollama models");
        }
    }

    /** The call as a chat, so an API key's limits apply to it as to any model call. */
    private static ChatRequest asChat(OllamaGenerateRequest request) {
        List<ChatMessage> messages = new ArrayList<>(2);
        if (request.system() != null) {
            messages.add(ChatMessage.system(request.system()));
        }
        messages.add(ChatMessage.user(request.prompt()));
        Map<String, Object> options = request.options() == null ? Map.of() : request.options();
        Object temperature = options.get("temperature");
        Object topP = options.get("top_p");
        Object limit = options.get("num_predict");
        return new ChatRequest(PROVIDER + "/" + request.model(), messages,
                temperature instanceof Number t ? t.doubleValue() : null,
                topP instanceof Number p ? p.doubleValue() : null,
                limit instanceof Number n && n.intValue() > 0 ? n.intValue() : null, null);
    }

    private long millisSince(Instant start) {
        return Math.max(0, Duration.between(start, clock.instant()).toMillis());
    }

    private static int tokens(Long count) {
        return count == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, count));
    }

    /** The ledger's status for a failed call, as the router writes a failure's kind. */
    private static String status(RuntimeException failure) {
        if (failure instanceof NotFoundException) {
            return "not_found";
        }
        if (failure instanceof InvalidInputException) {
            return "invalid_request";
        }
        if (failure instanceof UpstreamException || failure instanceof UnavailableException) {
            return "unavailable";
        }
        return "failed";
    }
}
