package dev.athanor.core.llm;

import dev.athanor.core.llm.FakeProviders.MapRepository;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.net.HostResolver;
import dev.athanor.model.providers.ProviderRegistration;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderRegistryTest {

    private static final TeamId TEAM = TeamId.of("team-a");
    private static final HostResolver RESOLVER = host -> List.of(InetAddress.getByName(
            host.equals("api.example.com") ? "93.184.215.14" : host.equals("internal.example.com") ? "10.0.0.7" : host));

    private final MapRepository repository = new MapRepository();
    private final FakeProviders.RecordingFactory openai = new FakeProviders.RecordingFactory(ProviderKind.OPENAI);
    private final ProviderCatalog catalog = new ProviderCatalog(new ProviderClients(List.of(openai)),
            new EnvironmentProviders(new MapPropertyResolver(Map.of())), repository, LlmSettings.cachedFor(Duration.ofHours(1)));

    private ProviderRegistry registry(boolean allowPrivate) {
        return new ProviderRegistry(repository, new OutboundUrlGuard(() -> allowPrivate, RESOLVER), catalog);
    }

    @Test
    void a_valid_provider_is_stored_and_used_at_once_by_this_process() {
        catalog.providers(TEAM);

        registry(false).save(TEAM, new ProviderRegistration("team-openai", "openai", "https://api.example.com/v1",
                "sk-1", null, null, null), null);

        assertEquals(List.of("team-openai"), catalog.providers(TEAM).stream().map(p -> p.id()).toList());
        assertTrue(registry(false).get(TEAM, "team-openai").hasApiKey());
    }

    @Test
    void a_private_base_url_is_refused_unless_the_operator_allows_it_and_nothing_is_stored() {
        ProviderRegistration internal = new ProviderRegistration("vllm", "openai", "http://internal.example.com:8000/v1",
                null, null, null, null);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> registry(false).save(TEAM, internal, null));
        assertEquals(List.of("must not point at a loopback or private address"), e.fieldErrors().get("base_url"));
        assertTrue(repository.list(TEAM).isEmpty());

        assertEquals(1L, registry(true).save(TEAM, internal, null).version());
    }

    @Test
    void metadata_addresses_are_refused_even_when_private_ones_are_allowed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> registry(true).save(TEAM,
                new ProviderRegistration("x", "openai", "http://169.254.169.254/latest", null, null, null, null), null));

        assertEquals(List.of("must not point at a link-local or metadata address"), e.fieldErrors().get("base_url"));
    }

    @Test
    void unknown_providers_are_not_found() {
        assertThrows(NotFoundException.class, () -> registry(false).get(TEAM, "nope"));
        assertThrows(NotFoundException.class, () -> registry(false).delete(TEAM, "nope"));
    }
}
