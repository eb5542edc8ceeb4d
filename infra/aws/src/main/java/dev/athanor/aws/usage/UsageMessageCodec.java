package dev.athanor.aws.usage;

import dev.athanor.model.TeamId;
import dev.athanor.model.usage.UsageEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The usage queue's wire format, both ways: the publisher encodes, the ledger function decodes. Keeping both here means the
 * two ends cannot drift apart.
 */
@Singleton
public class UsageMessageCodec {

    /** The {@code type} message attribute of usage messages; the ledger function dispatches on it. */
    public static final String TYPE = "usage";

    private final JsonMapper json;

    public UsageMessageCodec(JsonMapper json) {
        this.json = json;
    }

    public String encode(UsageEvent event) {
        try {
            return json.writeValueAsString(UsageMessage.of(event));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode usage event " + event.id(), e);
        }
    }

    /** @throws IllegalArgumentException when the body is not a complete, valid usage event */
    public UsageEvent decode(String body) {
        UsageMessage message;
        try {
            message = json.readValue(body == null ? "" : body, UsageMessage.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a usage message: " + e.getMessage(), e);
        }
        if (message == null || message.id() == null || message.id().isBlank() || message.teamId() == null
                || message.status() == null || message.occurredAt() == null) {
            throw new IllegalArgumentException("A usage message needs id, team_id, status and occurred_at");
        }
        try {
            TeamId.of(message.teamId());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Usage message " + message.id() + ": " + e.getMessage(), e);
        }
        if (message.promptTokens() < 0 || message.completionTokens() < 0 || message.latencyMs() < 0
                || (message.costUsd() != null && message.costUsd().signum() < 0)) {
            throw new IllegalArgumentException("Usage message " + message.id() + " has a negative count or cost");
        }
        return message.toEvent();
    }
}
