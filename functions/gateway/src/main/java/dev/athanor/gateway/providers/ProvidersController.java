package dev.athanor.gateway.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.core.llm.ProviderDescription;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/providers}: the providers the caller's team can use, as the gateway seed lists them. */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "LiteLLM")
public class ProvidersController {

    /**
     * @param models the declared models (empty when the provider is asked for its list, see GET /v1/models)
     * @param source team (registered by the team), environment (set by the operator) or builtin (the sandbox)
     */
    @Serdeable
    record ProviderStatus(boolean configured, List<String> models, String kind, String source) {
    }

    @Serdeable
    record ProviderList(Map<String, ProviderStatus> providers,
                        @JsonProperty("total_configured") int totalConfigured,
                        @JsonProperty("total_available") int totalAvailable) {
    }

    private final ProviderCatalog catalog;

    ProvidersController(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    @Get("/providers")
    @Operation(summary = "List the providers the team can use and their models")
    ProviderList providers(Authentication authentication) {
        Map<String, ProviderStatus> providers = new LinkedHashMap<>();
        int configured = 0;
        for (ProviderDescription description : catalog.describe(TeamPrincipal.of(authentication).team())) {
            providers.put(description.id(), new ProviderStatus(description.configured(), description.models(),
                    description.kind().wireName(), description.source()));
            configured += description.configured() ? 1 : 0;
        }
        return new ProviderList(providers, configured, providers.size());
    }
}
