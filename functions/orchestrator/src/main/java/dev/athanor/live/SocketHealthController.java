package dev.athanor.live;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.live.ConnectionStore;
import dev.athanor.model.live.LiveConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/ws/health}: whether the connection store answers, and the caller's team's open connections and
 * channels (with no credentials: the status alone, zero connections). Socket.IO is not served.
 */
@Controller("/api/ws")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(beans = ConnectionStore.class)
@Tag(name = "WebSocket")
class SocketHealthController {

    private static final Logger LOG = LoggerFactory.getLogger(SocketHealthController.class);

    private final ConnectionStore connections;
    private final Optional<LocalSessions> local;

    SocketHealthController(ConnectionStore connections, Optional<LocalSessions> local) {
        this.connections = connections;
        this.local = local;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Health(String status, NativeWs nativeWs, SocketIo socketIo, Performance performance) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record NativeWs(int totalConnections, List<String> channels, Map<String, Integer> channelCounts) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SocketIo(boolean enabled, String status) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Performance(String protocol, String transport) {
    }

    @Get("/health")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "The live events socket's health, and the caller's team's connections and channels")
    HttpResponse<Health> health(@Nullable Authentication authentication) {
        List<LiveConnection> open;
        try {
            open = authentication == null ? List.of() : connections.connections(TeamPrincipal.of(authentication).team());
        } catch (RuntimeException e) {
            LOG.warn("The connection store did not answer", e);
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(health("unhealthy", List.of()));
        }
        return HttpResponse.ok(health("healthy", open));
    }

    private Health health(String status, List<LiveConnection> open) {
        Map<String, Integer> counts = new TreeMap<>();
        open.forEach(c -> c.channels().stream().filter(ch -> Channels.parse(ch).isPresent())
                .forEach(ch -> counts.merge(ch, 1, Integer::sum)));
        return new Health(status, new NativeWs(open.size(), List.copyOf(counts.keySet()), counts),
                new SocketIo(false, "not_supported"),
                new Performance("native_ws_primary", local.isPresent() ? "local_server" : "api_gateway_websocket"));
    }
}
