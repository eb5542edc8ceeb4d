package dev.athanor.promptlab;

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
 * Projects, prompt history, streaming generation, backend tests, evaluations and production prompts. Runs as a Lambda function behind API Gateway, or as a Netty server (locally, and behind Lambda Web Adapter
 * for streaming routes) through {@link #main}.
 */
@OpenAPIDefinition(info = @Info(title = "Athanor Prompt Lab API", version = "0.1.0", description = "Projects, prompt history, streaming generation, backend tests, evaluations and production prompts."),
        security = @SecurityRequirement(name = "bearer"),
        // the feature groups, in the order of the API document; every operation carries one of them
        tags = {
                @Tag(name = "Projects", description = "The team's projects: create, read, update, delete"),
                @Tag(name = "History",
                        description = "A project's saved prompts: save, rate, annotate, mark for production"),
                @Tag(name = "Generation",
                        description = "Responses from the project's model, streamed as server-sent events"),
                @Tag(name = "Backend Testing",
                        description = "Prompts sent to the project's own backend, streamed, and their history"),
                @Tag(name = "Evaluation",
                        description = "LLM-as-judge evaluations of a project's prompt over a dataset"),
                @Tag(name = "Git", description = "Production through review: Git sign-in, promotions opened as pull "
                        + "requests on GitHub, GitLab or Gitea, their status, the repository's history, the gate"),
                @Tag(name = "Settings", description = "A project's backend test settings (in its repository when it "
                        + "has one)"),
                @Tag(name = "External API",
                        description = "Production integration: projects, models and prompts for external systems"),
                @Tag(name = "Health", description = "Health, debugging and the API overview"),
                @Tag(name = "Authentication",
                        description = "Who the caller's token says they are (a route every surface shares)")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// GET /api/auth/me is compiled in core, where no surface document is written: each surface includes it
@OpenAPIInclude(classes = MeController.class)
public final class PromptLabApplication {

    private PromptLabApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(PromptLabApplication.class).properties(java.util.Map.of("athanor.surface", "prompt-lab")).start();
    }
}
