package dev.athanor.actions;

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
 * Per-field LLM actions bound to prompt templates. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor LLM Actions API", version = "0.1.0", description = "Per-field LLM actions bound to prompt templates."),
        security = @SecurityRequirement(name = "bearer"),
        // the feature groups, in the order of the API document; every operation carries one of them
        tags = {
                @Tag(name = "LLM Actions", description = "Actions bound to prompt templates: create, change, run, history"),
                @Tag(name = "LLM Configuration", description = "The team's default model and provider for this API"),
                @Tag(name = "LLM Testing", description = "Try a prompt on a model before saving it"),
                @Tag(name = "Content", description = "Blog posts and their sections, and the content helpers that "
                        + "act on them: ideas, expanded sections, SEO suggestions, social posts"),
                @Tag(name = "Template Management", description = "Prompt templates per source field"),
                @Tag(name = "Interaction Tracking", description = "Every model interaction of this API, kept"),
                @Tag(name = "Health", description = "Health of the actions API"),
                @Tag(name = "Authentication",
                        description = "Who the caller's token says they are (a route every surface shares)")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// GET /api/auth/me is compiled in core, where no surface document is written: each surface includes it
@OpenAPIInclude(classes = MeController.class)
public final class ActionsApplication {

    private ActionsApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ActionsApplication.class).properties(java.util.Map.of("athanor.surface", "actions")).start();
    }
}
