package dev.athanor.model.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One LLM call as the ledger records it. {@code id} is unique per call, so a redelivered event is written once.
 *
 * @param surface     prompt-lab, gateway, orchestrator, factory or actions
 * @param project     the surface's project id, if the call belongs to one
 * @param job         the job or execution id, if any
 * @param agent       the agent or phase, if any
 * @param costUsd     from the pricing table; zero for unpriced models
 * @param ttftMs      time to first token, null when the call did not stream
 * @param status      ok, or the failure kind in lower case (rate_limited, unavailable, timeout, ...)
 * @param userId      the account the call was made for (or, for reported usage, the client's user id), or null
 * @param apiKeyId    the API key the call came with, or null
 * @param requestType what kind of call it was ({@code chat_completion} or {@code embedding} for the platform's own
 *                    calls), or null
 * @param source      {@value #METERED} for a call the platform made, {@value #REPORTED} for one a client reported
 * @param metadata    a reported call's metadata as a JSON object's text, or null
 */
public record UsageEvent(String id,
                         String teamId,
                         String surface,
                         String project,
                         String job,
                         String agent,
                         String provider,
                         String model,
                         int promptTokens,
                         int completionTokens,
                         BigDecimal costUsd,
                         long latencyMs,
                         Long ttftMs,
                         String status,
                         Instant occurredAt,
                         String userId,
                         String apiKeyId,
                         String requestType,
                         String source,
                         String metadata) {

    public static final String METERED = "metered";
    public static final String REPORTED = "reported";
    public static final String CHAT_COMPLETION = "chat_completion";
    public static final String EMBEDDING = "embedding";
    /** A raw prompt completion on Ollama's own API ({@code POST /ollama/generate}). */
    public static final String GENERATION = "generation";

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        // events queued before calls were attributed carry no source: they were all the platform's own calls
        source = source == null ? METERED : source;
    }

    /** A call made on behalf of no account or key in particular (a job's step, an evaluation). */
    public UsageEvent(String id, String teamId, String surface, String project, String job, String agent,
                      String provider, String model, int promptTokens, int completionTokens, BigDecimal costUsd,
                      long latencyMs, Long ttftMs, String status, Instant occurredAt) {
        this(id, teamId, surface, project, job, agent, provider, model, promptTokens, completionTokens, costUsd,
                latencyMs, ttftMs, status, occurredAt, null, null, null, METERED, null);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
