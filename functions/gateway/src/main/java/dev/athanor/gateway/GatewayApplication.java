package dev.athanor.gateway;

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
 * OpenAI-compatible chat completions and models over many providers. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor LLM Gateway API", version = "0.1.0", description = "OpenAI-compatible chat completions and models over many providers."),
        security = @SecurityRequirement(name = "bearer"),
        // the feature groups, in the order of the API document; every operation carries one of them
        tags = {
                @Tag(name = "Health", description = "Liveness and the health of the team's providers"),
                @Tag(name = "LiteLLM",
                        description = "OpenAI-compatible models and chat completions over every provider"),
                @Tag(name = "Analytics", description = "Token usage per user and model, reported and metered"),
                @Tag(name = "RAG", description = "Retrieval-augmented generation over a team's indexed documents"),
                @Tag(name = "Ollama Integration",
                        description = "The operator's Ollama server: its models, raw generation, pull and delete"),
                @Tag(name = "Authentication",
                        description = "Who the caller's token says they are (a route every surface shares)")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// GET /api/auth/me is compiled in core, where no surface document is written: each surface includes it
@OpenAPIInclude(classes = MeController.class)
public final class GatewayApplication {

    private GatewayApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(GatewayApplication.class).properties(java.util.Map.of("athanor.surface", "gateway")).start();
    }
}
