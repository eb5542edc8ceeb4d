package dev.athanor.live;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;
import java.util.Optional;

/**
 * Admits a local socket handshake's channel before the upgrade, as the cloud's {@code $connect} route does: a
 * malformed channel, or a project or task the caller's team does not have, is refused with 404 and
 * {@code {"detail": ...}}, so no socket opens. Runs after authentication, which refuses callers without credentials.
 */
@ServerFilter({"/ws", "/ws/**"})
@Requires(property = LocalSessions.ENABLED, value = "true")
@Requires(beans = LiveChannels.class)
class SocketAdmission implements Ordered {

    private final LiveChannels channels;

    SocketAdmission(LiveChannels channels) {
        this.channels = channels;
    }

    /** The channel a handshake asks for: its {@code channel} query parameter on {@code /ws}, else its path's. */
    static Optional<String> channel(HttpRequest<?> request) {
        String query = request.getParameters().get("channel");
        String path = request.getPath();
        if (query != null && !query.isBlank() && Channels.ofPath(path).filter(Channels.GLOBAL::equals).isPresent()) {
            return Optional.of(query.strip());
        }
        return Channels.ofPath(path);
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        if (!"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeaders.UPGRADE))) {
            return HttpResponse.status(HttpStatus.UPGRADE_REQUIRED)
                    .body(Map.of("detail", "This is a WebSocket endpoint: connect with a WebSocket client"));
        }
        Optional<TeamPrincipal> principal = request.getUserPrincipal(Authentication.class).map(TeamPrincipal::of);
        if (principal.isEmpty()) {
            return null; // authentication answers
        }
        Optional<String> channel = channel(request);
        if (channel.isEmpty()) {
            return HttpResponse.notFound(Map.of("detail", "No socket at " + request.getPath()));
        }
        try {
            channels.admit(principal.get(), channel.get());
            return null;
        } catch (LiveChannels.Refused refused) {
            return HttpResponse.status(HttpStatus.valueOf(refused.status())).body(Map.of("detail", refused.getMessage()));
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
