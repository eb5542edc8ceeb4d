package dev.athanor.factory.providers;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The seed's "Providers" section: the team's LLM providers, the active one, connection tests and model listings.
 * Unknown providers are 404; the environment's and the sandbox cannot be changed or deleted (409).
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Providers")
public class ProvidersController {

    private final ProviderService providers;
    private final ProviderModels models;

    ProvidersController(ProviderService providers, ProviderModels models) {
        this.providers = providers;
        this.models = models;
    }

    @Get("/providers")
    @Operation(summary = "List the team's LLM providers")
    List<ProviderView> list(Authentication authentication) {
        return providers.list(TeamPrincipal.of(authentication).team());
    }

    @Post("/providers")
    @Operation(summary = "Register a provider (name in the body)")
    HttpResponse<ProviderView> create(Authentication authentication, @Nullable @Body ProviderBody body) {
        return HttpResponse.created(providers.create(TeamPrincipal.of(authentication).team(), orEmpty(body)));
    }

    /** 201 when the provider was created, 200 when it was replaced. */
    @Post("/providers/{name}")
    @Operation(summary = "Register or replace a provider (name in the path)")
    HttpResponse<ProviderView> upsert(Authentication authentication, @PathVariable String name,
                                      @Nullable @Body ProviderBody body) {
        ProviderService.Saved saved = providers.upsert(TeamPrincipal.of(authentication).team(), name, orEmpty(body));
        return saved.created() ? HttpResponse.created(saved.provider()) : HttpResponse.ok(saved.provider());
    }

    @Patch("/providers/{name}")
    @Operation(summary = "Update a provider's given fields")
    ProviderView patch(Authentication authentication, @PathVariable String name, @Nullable @Body ProviderBody body) {
        return providers.patch(TeamPrincipal.of(authentication).team(), name, orEmpty(body));
    }

    @Delete("/providers/{name}")
    @Operation(summary = "Delete a provider")
    Map<String, String> delete(Authentication authentication, @PathVariable String name) {
        providers.delete(TeamPrincipal.of(authentication).team(), name);
        return Map.of("provider", name, "status", "deleted");
    }

    @Post("/providers/{name}/use")
    @Operation(summary = "Make a provider the active one")
    Map<String, String> use(Authentication authentication, @PathVariable String name) {
        providers.use(TeamPrincipal.of(authentication).team(), name);
        return Map.of("provider", name, "status", "active");
    }

    @Post("/providers/{name}/test")
    @Operation(summary = "Test the connection to a provider")
    ProviderTestResult test(Authentication authentication, @PathVariable String name) {
        return models.test(TeamPrincipal.of(authentication).team(), name);
    }

    @Get("/models")
    @Operation(summary = "List the models of a provider")
    ModelList models(Authentication authentication, @Nullable @QueryValue String provider,
                     @Nullable @QueryValue String kind, @Nullable @QueryValue String key,
                     @Nullable @QueryValue("base_url") String baseUrl) {
        return models.list(TeamPrincipal.of(authentication).team(), provider, kind, key, baseUrl);
    }

    private static ProviderBody orEmpty(ProviderBody body) {
        return body == null ? ProviderBody.EMPTY : body;
    }
}
