package dev.athanor.orchestrator.agents;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.orchestrator.AgentConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The caller's team's agent connections: list (by agent id, a page at a time), create (201; 409 when the agent id is
 * taken), read, update (only the fields given) and delete. An API key given is stored sealed and never shown.
 */
@Controller("/api/agents/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = AgentConnections.class)
@Tag(name = "Agents")
public class ConnectionsController {

    private final AgentConnections connections;
    private final JsonMapper json;
    private final OutboundUrlGuard urls;

    ConnectionsController(AgentConnections connections, JsonMapper json, OutboundUrlGuard urls) {
        this.connections = connections;
        this.json = json;
        this.urls = urls;
    }

    @Get
    @Operation(summary = "List the team's agent connections, by agent id, a page at a time")
    HttpResponse<Connections> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        var page = connections.list(team(authentication), Paging.request(limit, cursor)).map(ConnectionView::of);
        return Paging.withNext(HttpResponse.ok(new Connections(page.items())), request, page.next());
    }

    @Post
    @Operation(summary = "Create an agent connection")
    HttpResponse<ConnectionView> create(Authentication authentication, HttpRequest<?> request) {
        var change = ConnectionInput.read(RequestFields.read(json, request), null, urls);
        return HttpResponse.created(ConnectionView.of(connections.create(team(authentication), change)));
    }

    @Get("/{agent_id}")
    @Operation(summary = "Get an agent connection")
    ConnectionView get(Authentication authentication, @PathVariable("agent_id") String agentId) {
        return ConnectionView.of(connections.get(team(authentication), agentId).value());
    }

    @Put("/{agent_id}")
    @Operation(summary = "Update an agent connection's given fields")
    ConnectionView update(Authentication authentication, @PathVariable("agent_id") String agentId,
                          HttpRequest<?> request) {
        TeamId team = team(authentication);
        Versioned<AgentConnection> current = connections.get(team, agentId);
        var change = ConnectionInput.read(RequestFields.read(json, request), current.value(), urls);
        return ConnectionView.of(connections.update(team, current, change));
    }

    @Delete("/{agent_id}")
    @Operation(summary = "Delete an agent connection and its API key")
    Deleted delete(Authentication authentication, @PathVariable("agent_id") String agentId) {
        connections.delete(team(authentication), agentId);
        return new Deleted("Agent connection deleted");
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }

    @Serdeable
    record Connections(List<ConnectionView> connections) {
    }

    @Serdeable
    record Deleted(String message) {
    }
}
