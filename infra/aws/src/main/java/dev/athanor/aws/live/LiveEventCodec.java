package dev.athanor.aws.live;

import dev.athanor.model.live.LiveEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The events queue's wire format, both ways: the publisher encodes, the events function decodes. */
@Singleton
public class LiveEventCodec {

    /** The {@code type} message attribute of live events; the events function dispatches on it. */
    public static final String TYPE = "live.event";

    private final JsonMapper json;

    public LiveEventCodec(JsonMapper json) {
        this.json = json;
    }

    public String encode(LiveEvent event) {
        try {
            return json.writeValueAsString(LiveEventMessage.of(event));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode live event " + event.id(), e);
        }
    }

    /** @throws IllegalArgumentException when the body is not a complete live event */
    public LiveEvent decode(String body) {
        LiveEventMessage message;
        try {
            message = json.readValue(body == null ? "" : body, LiveEventMessage.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a live event: " + e.getMessage(), e);
        }
        if (message == null || message.id() == null || message.teamId() == null || message.channels() == null
                || message.payload() == null) {
            throw new IllegalArgumentException("A live event needs id, team_id, channels and payload");
        }
        try {
            return message.toEvent();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Live event " + message.id() + ": " + e.getMessage(), e);
        }
    }
}
