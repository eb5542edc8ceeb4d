package dev.athanor.factory.agents;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.agents.AgentChanges;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The factory's agents as the caller's team has them. {@code /api/agents/config} is a literal route, so it is never
 * taken for an agent id; {@code GET /api/agents} itself (the activity log) is not served here.
 */
@Controller("/api/agents")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Agents")
public class AgentsController {

    private static final List<String> CONFIG_FIELDS = List.of(AgentChanges.MODEL, AgentChanges.SYSTEM_PROMPT);

    private final AgentService agents;
    private final JsonMapper json;

    AgentsController(AgentService agents, JsonMapper json) {
        this.agents = agents;
        this.json = json;
    }

    @Get("/config")
    @Operation(summary = "List every agent's configuration")
    List<AgentViews.ConfigEntry> config(Authentication authentication) {
        return agents.list(TeamPrincipal.of(authentication).team()).stream().map(AgentViews.ConfigEntry::of).toList();
    }

    @Post("/config/{agent_id}")
    @Operation(summary = "Change an agent's configuration")
    AgentViews.ConfigEntry configure(Authentication authentication, @PathVariable("agent_id") String agentId,
                                     HttpRequest<?> request) {
        return AgentViews.ConfigEntry.of(agents.change(TeamPrincipal.of(authentication).team(), agentId,
                RequestFields.read(json, request).values(), CONFIG_FIELDS));
    }

    @Get("/{agent_id}")
    @Operation(summary = "Get an agent")
    AgentViews.Detail get(Authentication authentication, @PathVariable("agent_id") String agentId) {
        return AgentViews.Detail.of(agents.get(TeamPrincipal.of(authentication).team(), agentId));
    }

    @Patch("/{agent_id}")
    @Operation(summary = "Update an agent's given fields")
    AgentViews.Detail patch(Authentication authentication, @PathVariable("agent_id") String agentId,
                            HttpRequest<?> request) {
        return AgentViews.Detail.of(agents.change(TeamPrincipal.of(authentication).team(), agentId,
                RequestFields.read(json, request).values(), AgentChanges.EDITABLE));
    }

    @Post("/{agent_id}/test")
    @Operation(summary = "Try an agent with a prompt")
    AgentViews.TestResult test(Authentication authentication, @PathVariable("agent_id") String agentId,
                               HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        String prompt = fields.string("prompt");
        fields.check();
        return AgentViews.TestResult.of(agents.test(TeamPrincipal.of(authentication), agentId, prompt));
    }
}
