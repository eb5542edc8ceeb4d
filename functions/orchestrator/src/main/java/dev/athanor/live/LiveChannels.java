package dev.athanor.live;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.live.ConnectionStore;
import dev.athanor.model.live.LiveConnection;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.TaskStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The socket protocol, the same behind API Gateway's WebSocket API and the local server: a client connects on a
 * channel of its team (refused when the channel is malformed, unknown, or another team's), is told
 * {@code connection_status}, and then sends frames: {@code ping} (answered {@code pong}), {@code subscribe} and
 * {@code unsubscribe} to a channel (answered {@code subscribed} / {@code unsubscribed}, or an {@code error}). A frame
 * that is not JSON, has no known type, or names a channel it may not hear is answered with an {@code error} and the
 * connection stays; a frame over {@link #MAX_FRAME_BYTES} ends it with 1009.
 */
@Singleton
@Requires(beans = ConnectionStore.class)
public class LiveChannels {

    /** The largest frame a client may send (a subscribe needs a hundred bytes). */
    public static final int MAX_FRAME_BYTES = 16 * 1024;
    public static final int TOO_BIG = 1009;

    private final ConnectionStore connections;
    private final Optional<ProjectStore> projects;
    private final Optional<TaskStore> tasks;
    private final JsonMapper json;
    private final Clock clock;

    public LiveChannels(ConnectionStore connections, Optional<ProjectStore> projects, Optional<TaskStore> tasks,
                        JsonMapper json, Clock clock) {
        this.connections = connections;
        this.projects = projects;
        this.tasks = tasks;
        this.json = json;
        this.clock = clock;
    }

    /** Why a connection or subscription is refused: an HTTP status for a handshake, a message for a frame. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What to do after a frame: the texts to send back, and a close code when the connection must end. */
    public record Reply(List<String> messages, Integer closeCode, String closeReason) {

        static Reply send(String message) {
            return new Reply(List.of(message), null, null);
        }
    }

    /**
     * Checks the channel a client asks for at connect time, before the handshake completes.
     *
     * @throws Refused 404 for a channel that is malformed, unknown or another team's
     */
    public void admit(TeamPrincipal principal, String channel) throws Refused {
        requireVisible(principal.team(), channel);
    }

    /** Records a connection admitted on {@code channel}; returns the {@code connection_status} message to send. */
    public String open(String connectionId, TeamPrincipal principal, String channel) {
        Instant now = clock.instant();
        connections.open(new LiveConnection(connectionId, principal.team(), principal.subject(), now,
                ConnectionStore.expiry(now), Set.of(channel)));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("connected", true);
        status.put("channel", channel);
        return message("connection_status", status);
    }

    public Reply receive(String connectionId, String frame) {
        if (frame.length() > MAX_FRAME_BYTES || frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            return new Reply(List.of(), TOO_BIG, "Frames are limited to " + MAX_FRAME_BYTES + " bytes");
        }
        Map<String, Object> body;
        try {
            body = json.readValue(frame, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return Reply.send(error("A frame must be a JSON object with a \"type\"", null));
        }
        if (body == null || !(body.get("type") instanceof String type)) {
            return Reply.send(error("A frame must be a JSON object with a \"type\"", null));
        }
        return switch (type) {
            case "ping" -> Reply.send(message("pong", Map.of()));
            case "subscribe", "unsubscribe" -> subscription(connectionId, type, body.get("channel"));
            default -> Reply.send(error("Unknown message type '" + clip(type)
                    + "': send ping, subscribe or unsubscribe", null));
        };
    }

    public void close(String connectionId) {
        connections.close(connectionId);
    }

    private Reply subscription(String connectionId, String type, Object channelValue) {
        if (!(channelValue instanceof String channel) || channel.isBlank()) {
            return Reply.send(error(type + " needs a \"channel\" (global, project_<id> or task_<id>)", null));
        }
        Optional<LiveConnection> connection = connections.find(connectionId);
        if (connection.isEmpty()) {
            return new Reply(List.of(error("This connection has expired; connect again", channel)), 1008,
                    "Connection expired");
        }
        if (type.equals("unsubscribe")) {
            if (Channels.parse(channel).isEmpty()) {
                return Reply.send(error(noChannel(channel), channel));
            }
            connections.unsubscribe(connectionId, channel);
            return Reply.send(message("unsubscribed", Map.of("channel", channel)));
        }
        try {
            requireVisible(connection.get().team(), channel);
        } catch (Refused refused) {
            return Reply.send(error(refused.getMessage(), channel));
        }
        if (!connections.subscribe(connectionId, channel)) {
            return new Reply(List.of(error("This connection has expired; connect again", channel)), 1008,
                    "Connection expired");
        }
        return Reply.send(message("subscribed", Map.of("channel", channel)));
    }

    private void requireVisible(TeamId team, String channel) throws Refused {
        Channels.Parsed parsed = Channels.parse(channel).orElseThrow(() -> new Refused(404, noChannel(channel)));
        boolean exists = switch (parsed.kind()) {
            case Channels.GLOBAL -> true;
            case Channels.PROJECT -> projects.map(p -> p.find(team, parsed.id()).isPresent()).orElse(false);
            default -> tasks.map(t -> t.find(team, parsed.id()).isPresent()).orElse(false);
        };
        if (!exists) {
            throw new Refused(404, "No " + (parsed.kind().equals(Channels.PROJECT) ? "project" : "task") + " '"
                    + parsed.id() + "'");
        }
    }

    private static String noChannel(String channel) {
        return "No channel '" + clip(channel) + "': use global, project_<id> or task_<id>";
    }

    private String error(String text, String channel) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", text);
        if (channel != null) {
            fields.put("channel", clip(channel));
        }
        return message("error", fields);
    }

    /** A message of {@code type} with {@code fields} and the time. */
    String message(String type, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.putAll(fields);
        body.put("timestamp", clock.instant().toString());
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
