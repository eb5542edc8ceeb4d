package dev.athanor.factory;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Long-running generation jobs with human approval checkpoints, artifacts and costs. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor Software Factory API", version = "0.1.0", description = "Long-running generation jobs with human approval checkpoints, artifacts and costs."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class FactoryApplication {

    private FactoryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(FactoryApplication.class).properties(java.util.Map.of("athanor.surface", "factory")).start();
    }
}
