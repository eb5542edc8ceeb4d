package dev.athanor.actions.config;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The team's model configuration of this surface. */
@Controller("/api/v1/llm/config")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "LLM Configuration")
public class ConfigController {

    private final SurfaceConfig config;
    private final JsonMapper json;

    ConfigController(SurfaceConfig config, JsonMapper json) {
        this.config = config;
        this.json = json;
    }

    @Get
    @Operation(summary = "Get the configuration: provider type, default model and server (never the key)")
    ConfigView get(Authentication authentication) {
        SurfaceConfig.View view = config.get(TeamPrincipal.of(authentication).team());
        return new ConfigView(view.providerType(), view.modelName(), view.apiBase(), view.authTokenSet());
    }

    @Post
    @Operation(summary = "Update the configuration: the fields given change, the key is sealed and never returned")
    Updated update(Authentication authentication, HttpRequest<?> request) {
        config.update(TeamPrincipal.of(authentication).team(), RequestFields.read(json, request));
        return new Updated(true);
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ConfigView(String providerType, String modelName, String apiBase, boolean authTokenSet) {
    }

    @Serdeable
    record Updated(boolean success) {
    }
}
