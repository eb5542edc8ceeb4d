package dev.athanor.actions;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Per-field LLM actions bound to prompt templates. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor LLM Actions API", version = "0.1.0", description = "Per-field LLM actions bound to prompt templates."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class ActionsApplication {

    private ActionsApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ActionsApplication.class).properties(java.util.Map.of("athanor.surface", "actions")).start();
    }
}
