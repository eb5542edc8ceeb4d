package dev.athanor.gateway.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.ModelDirectory;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** {@code GET /v1/models}: every model the caller's team can call, in OpenAI's list format. */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "LiteLLM")
public class ModelsController {

    @Serdeable
    record ModelList(String object, List<Model> data) {
    }

    /** owned_by names the provider serving the model ("sandbox" for the offline stand-in). */
    @Serdeable
    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    private final ModelDirectory directory;

    ModelsController(ModelDirectory directory) {
        this.directory = directory;
    }

    @Get("/models")
    @Operation(summary = "List the models the team can call (OpenAI format)")
    ModelList models(Authentication authentication) {
        return new ModelList("list", directory.list(TeamPrincipal.of(authentication).team()).stream()
                .map(model -> new Model(model.id(), "model", 0, model.providerId()))
                .toList());
    }
}
