package dev.athanor.orchestrator;

import dev.athanor.core.auth.MeController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Multi-agent task execution with routing, circuit breakers and live events. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor Orchestrator API", version = "0.1.0", description = "Multi-agent task execution with routing, circuit breakers and live events."),
        security = @SecurityRequirement(name = "bearer"),
        // the feature groups, in the order of the API document; every operation carries one of them
        tags = {
                @Tag(name = "Orchestration", description = "Multi-agent task execution"),
                @Tag(name = "Projects", description = "A team's projects (at most 3, in slots Projekt-A to Projekt-C) "
                        + "and their configuration"),
                @Tag(name = "Tasks", description = "The team's tasks: numbered pages of them, filtered by project "
                        + "and status, and one task"),
                @Tag(name = "Metrics", description = "The team's dashboard and its quality, cost, agent and "
                        + "performance reports, from its tasks and the usage ledger"),
                @Tag(name = "Agents", description = "How agents are reached (connections) and the files that configure "
                        + "them (skills, MCP configs, commands, other configs)"),
                @Tag(name = "HRM", description = "Hierarchical Reasoning Module configs of projects and tasks, "
                        + "presets, the history of config changes, and the predicted impact of a change"),
                @Tag(name = "GitHub", description = "Tasks from GitHub issues: a project's webhook (its payload URL "
                        + "and secret) and the route GitHub delivers the repository's issue events to"),
                @Tag(name = "WebSocket", description = "Live events: the sockets at /ws, /ws/project/{id} and "
                        + "/ws/task/{id} (not HTTP routes), and the health of their connections"),
                @Tag(name = "Health & System", description = "System health (DynamoDB and the SQS work queue) and "
                        + "Prometheus metrics"),
                @Tag(name = "Authentication",
                        description = "Who the caller's token says they are (a route every surface shares)")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// GET /api/auth/me is compiled in core, where no surface document is written: each surface includes it
@OpenAPIInclude(classes = MeController.class)
public final class OrchestratorApplication {

    private OrchestratorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(OrchestratorApplication.class).properties(java.util.Map.of("athanor.surface", "orchestrator")).start();
    }
}
