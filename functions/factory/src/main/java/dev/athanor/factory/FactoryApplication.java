package dev.athanor.factory;

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
 * Long-running generation jobs with human approval checkpoints, artifacts and costs. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor Software Factory API", version = "0.1.0", description = "Long-running generation jobs with human approval checkpoints, artifacts and costs."),
        security = @SecurityRequirement(name = "bearer"),
        // the feature groups, in the order of the API document; every operation carries one of them
        tags = {
                @Tag(name = "System", description = "Liveness, readiness and the API root"),
                @Tag(name = "Authentication",
                        description = "Team tokens: minted with the admin key, read back on any surface"),
                @Tag(name = "Jobs",
                        description = "Generation jobs of 13 agent phases: start, follow, cancel, download"),
                @Tag(name = "Projects", description = "The team's project initiatives"),
                @Tag(name = "Agents", description = "The factory's agents and their configuration"),
                @Tag(name = "Settings", description = "The team's settings (admins only)"),
                @Tag(name = "Providers", description = "The team's LLM providers and their models"),
                @Tag(name = "HITL (Human-in-the-Loop)",
                        description = "Experiences and checkpoints waiting for a person"),
                @Tag(name = "HITL (Unified Queue)", description = "Pending experiences and checkpoints in one queue"),
                @Tag(name = "Observability", description = "Activity, costs and KPIs"),
                @Tag(name = "System Settings", description = "Settings aliases and system status")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// GET /api/auth/me is compiled in core, where no surface document is written: each surface includes it
@OpenAPIInclude(classes = MeController.class)
public final class FactoryApplication {

    private FactoryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(FactoryApplication.class).properties(java.util.Map.of("athanor.surface", "factory")).start();
    }
}
