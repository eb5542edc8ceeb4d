package dev.athanor.promptlab;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Projects, prompt history, streaming generation, backend tests, evaluations and production prompts. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor Prompt Lab API", version = "0.1.0", description = "Projects, prompt history, streaming generation, backend tests, evaluations and production prompts."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class PromptLabApplication {

    private PromptLabApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(PromptLabApplication.class).properties(java.util.Map.of("athanor.surface", "prompt-lab")).start();
    }
}
