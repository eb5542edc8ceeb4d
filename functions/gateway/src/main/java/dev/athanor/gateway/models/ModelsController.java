package dev.athanor.gateway.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.model.error.NotFoundException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /v1/models}: every model the caller's team can call, in OpenAI's list format; {@code GET
 * /v1/models/{model}} one of them (OpenAI's {@code models.retrieve}), 404 in OpenAI's error shape for one the team
 * cannot call. An id with slashes ({@code meta-llama/Llama-3.1-8B}, as vendors name models) comes URL-encoded in the
 * one path segment, as the SDKs send it.
 */
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
                .map(ModelsController::view)
                .toList());
    }

    @Get("/models/{model}")
    @Operation(summary = "One model the team can call (OpenAI format)")
    Model model(Authentication authentication, @PathVariable("model") String model) {
        return directory.list(TeamPrincipal.of(authentication).team()).stream()
                .filter(m -> m.id().equals(model)).findFirst().map(ModelsController::view)
                .orElseThrow(() -> new NotFoundException("The model '" + model + "' does not exist or is not one "
                        + "your team's providers serve"));
    }

    private static Model view(ModelDirectory.ListedModel model) {
        return new Model(model.id(), "model", 0, model.providerId());
    }
}
