package dev.athanor.actions.calls;

import dev.athanor.actions.ActionsConfiguration;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.actions.Interaction;
import dev.athanor.model.actions.InteractionStore;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every model call of the actions surface: through the LLM core (routed, metered, within the caller's key limits and
 * the team's budget), bounded by the surface's timeout, and kept as an interaction whether it answered or failed. A
 * call that outlives the timeout is answered as a timeout at once; the late answer is still metered when it comes.
 */
@Singleton
public class ModelCalls {

    public static final String SURFACE = "actions";
    /** Input texts are at most this many characters. */
    public static final int MAX_TEXT = 100_000;
    /**
     * Stored texts (input, output, error) are cut to this many UTF-8 bytes, so an interaction stays within DynamoDB's
     * 400 KB item whatever the script (a character may take three bytes).
     */
    static final int MAX_STORED_BYTES = 120_000;

    /** A call that answered, and the interaction it was kept as. */
    public record Answer(ChatResponse response, Interaction interaction) {

        public String text() {
            return response.content();
        }
    }

    private final LlmService llm;
    private final InteractionStore interactions;
    private final ActionsConfiguration configuration;

    ModelCalls(LlmService llm, InteractionStore interactions, ActionsConfiguration configuration) {
        this.llm = llm;
        this.interactions = interactions;
        this.configuration = configuration;
    }

    /**
     * Calls the model and records the interaction.
     *
     * @throws LlmException          the model failed or did not answer in time (kind TIMEOUT); recorded as an error
     * @throws RuntimeException      anything else the LLM core refused with (an unknown model, a used-up budget or
     *                               key limit); recorded as an error too
     */
    public Answer call(TeamPrincipal caller, ModelCall call) {
        ChatRequest request = new ChatRequest(call.model(), call.messages(), call.temperature(), null,
                call.maxTokens(), null);
        long started = System.nanoTime();
        CompletableFuture<ChatResponse> pending = llm.chatAsync(CallContext.of(caller, SURFACE), request);
        ChatResponse response;
        try {
            response = pending.get(configuration.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(false);
            LlmException timeout = new LlmException(LlmErrorKind.TIMEOUT, null, 0, "The model '" + call.model()
                    + "' did not answer within " + configuration.getTimeout().toSeconds() + " s", null, e);
            record(caller, call, null, timeout.getMessage(), started, null);
            throw timeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            RuntimeException failure = unwrap(e.getCause());
            record(caller, call, null, failure.getMessage(), started, null);
            throw failure;
        }
        Interaction kept = record(caller, call, response.content(), null, started, response);
        return new Answer(response, kept);
    }

    private Interaction record(TeamPrincipal caller, ModelCall call, String output, String error, long started,
                               ChatResponse response) {
        double seconds = Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0;
        return interactions.record(caller.team(), new Interaction(0, call.kind(), call.actionId(), call.postId(),
                cut(call.inputText()), output == null ? null : cut(output),
                error == null ? Interaction.SUCCESS : Interaction.ERROR, error == null ? null : cut(error),
                call.model(), call.temperature(), call.maxTokens(), seconds,
                response == null ? null : response.usage().promptTokens(),
                response == null ? null : response.usage().completionTokens(), null));
    }

    /** The text cut to at most {@value #MAX_STORED_BYTES} UTF-8 bytes, never inside a character. */
    static String cut(String text) {
        if (text == null || text.length() <= MAX_STORED_BYTES / 3) {
            return text;
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : 3;
            if (bytes + size > MAX_STORED_BYTES) {
                return text.substring(0, i);
            }
            bytes += size;
            if (size == 4) {
                i++;
            }
        }
        return text;
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
