package dev.athanor.core.llm;

import dev.athanor.core.llm.FakeProviders.MapRepository;
import dev.athanor.core.llm.FakeProviders.RecordingFactory;
import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderDefinition;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderCatalogTest {

    private static final TeamId TEAM = TeamId.of("team-a");
    private static final TeamId OTHER = TeamId.of("team-b");

    private final RecordingFactory openai = new RecordingFactory(ProviderKind.OPENAI);
    private final RecordingFactory anthropic = new RecordingFactory(ProviderKind.ANTHROPIC);
    private final RecordingFactory sandbox = new RecordingFactory(ProviderKind.SANDBOX);
    private final MapRepository repository = new MapRepository();

    private ProviderCatalog catalog(Map<String, Object> environment, MapRepository registry, Duration ttl) {
        return new ProviderCatalog(new ProviderClients(List.of(openai, anthropic, sandbox)),
                new EnvironmentProviders(new MapPropertyResolver(environment)), registry, () -> ttl);
    }

    private static ProviderDefinition openai(String id, String baseUrl) {
        return new ProviderDefinition(id, ProviderKind.OPENAI, baseUrl, List.of("m"), Map.of(), true);
    }

    private static List<String> ids(List<LlmProvider> providers) {
        return providers.stream().map(LlmProvider::id).toList();
    }

    @Test
    void the_sandbox_is_the_only_provider_when_nothing_is_configured() {
        List<LlmProvider> providers = catalog(Map.of(), repository, Duration.ofMinutes(1)).providers(TEAM);

        assertEquals(List.of("sandbox"), ids(providers));
        assertEquals(ProviderKind.SANDBOX, providers.get(0).kind());
    }

    @Test
    void team_providers_come_first_and_a_team_id_overrides_the_environment_one() {
        repository.save(TEAM, openai("openai", "https://team-proxy.example.com/v1"), "sk-team", null);
        repository.save(TEAM, openai("a-vllm", "https://vllm.example.com/v1"), null, null);
        repository.save(TEAM, new ProviderDefinition("off", ProviderKind.OPENAI, null, List.of(), Map.of(), false), null, null);
        ProviderCatalog catalog = catalog(Map.of("openai.api.key", "sk-env", "anthropic.api.key", "ak-env"),
                repository, Duration.ofMinutes(1));

        List<LlmProvider> providers = catalog.providers(TEAM);

        assertEquals(List.of("a-vllm", "openai", "anthropic"), ids(providers));
        assertEquals("sk-team", ((FakeProviders.FakeClient) providers.get(1)).config().apiKey());
        // another team without registrations gets the environment providers, and no sandbox
        assertEquals(List.of("openai", "anthropic"), ids(catalog.providers(OTHER)));
        assertEquals("sk-env", ((FakeProviders.FakeClient) catalog.providers(OTHER).get(0)).config().apiKey());
    }

    @Test
    void registry_reads_are_cached_per_team_until_the_ttl_passes_or_the_team_is_invalidated() {
        ProviderCatalog catalog = catalog(Map.of(), repository, Duration.ofMinutes(1));
        catalog.providers(TEAM);
        catalog.providers(TEAM);
        catalog.providers(OTHER);
        assertEquals(2, repository.configReads.get());

        repository.save(TEAM, openai("p", "https://p.example.com"), null, null);
        assertEquals(List.of("sandbox"), ids(catalog.providers(TEAM)));
        catalog.invalidate(TEAM);
        assertEquals(List.of("p"), ids(catalog.providers(TEAM)));

        ProviderCatalog uncached = catalog(Map.of(), repository, Duration.ZERO);
        uncached.providers(TEAM);
        uncached.providers(TEAM);
        assertEquals(5, repository.configReads.get());
    }

    @Test
    void a_read_that_just_went_stale_is_used_while_one_background_read_refreshes_it() throws InterruptedException {
        Duration ttl = Duration.ofSeconds(1);
        ProviderCatalog catalog = catalog(Map.of(), repository, ttl);
        List<Runnable> blocking = new ArrayList<>();
        assertNull(catalog.providersInMemory(TEAM, blocking::add), "nothing read yet");
        catalog.providers(TEAM);
        repository.save(TEAM, openai("p", "https://p.example.com"), null, null);
        Thread.sleep(ttl.plusMillis(100).toMillis());

        for (int i = 0; i < 10; i++) {
            assertEquals(List.of("sandbox"), ids(catalog.providersInMemory(TEAM, blocking::add)));
        }
        assertEquals(1, blocking.size(), "one refresh for every caller that found the read stale");
        assertEquals(1, repository.configReads.get());

        blocking.remove(0).run();

        assertNull(catalog.providersInMemory(TEAM, blocking::add), "the new registration's client is not built yet");
        assertEquals(List.of("p"), ids(catalog.providers(TEAM)));
        assertEquals(List.of("p"), ids(catalog.providersInMemory(TEAM, blocking::add)));
        assertEquals(2, repository.configReads.get());
        assertTrue(blocking.isEmpty());
    }

    @Test
    void clients_are_reused_until_their_registration_changes() {
        ProviderCatalog catalog = catalog(Map.of("anthropic.api.key", "ak"), repository, Duration.ZERO);
        repository.save(TEAM, openai("p", "https://one.example.com"), "sk-1", null);

        LlmProvider first = catalog.providers(TEAM).get(0);
        assertSame(first, catalog.providers(TEAM).get(0));
        assertSame(catalog.providers(TEAM).get(1), catalog.providers(OTHER).get(0));

        repository.save(TEAM, openai("p", "https://two.example.com"), null, 1L);
        LlmProvider second = catalog.providers(TEAM).get(0);
        assertNotSame(first, second);
        assertEquals("https://two.example.com", ((FakeProviders.FakeClient) second).config().baseUrl());

        repository.delete(TEAM, "p");
        repository.save(TEAM, openai("p", "https://two.example.com"), "sk-new", null);
        assertEquals("sk-new", ((FakeProviders.FakeClient) catalog.providers(TEAM).get(0)).config().apiKey());
        assertEquals(3, openai.built.size());
        assertEquals(1, anthropic.built.size());
    }

    @Test
    void a_provider_whose_kind_has_no_client_here_is_skipped_not_fatal() {
        repository.save(TEAM, new ProviderDefinition("local", ProviderKind.OLLAMA, "http://localhost:11434", List.of(),
                Map.of(), true), null, null);
        repository.save(TEAM, openai("p", "https://p.example.com"), null, null);

        assertEquals(List.of("p"), ids(catalog(Map.of(), repository, Duration.ZERO).providers(TEAM)));
    }

    @Test
    void functions_without_the_registry_use_the_environment_providers() {
        ProviderCatalog catalog = catalog(Map.of("ollama.base.url", "http://localhost:11434"), null, Duration.ZERO);

        assertEquals(List.of(new ProviderDescription("ollama", ProviderKind.OLLAMA, "environment", true, List.of())),
                catalog.describe(TEAM));
    }

    @Test
    void descriptions_name_source_and_declared_models_and_never_carry_keys() {
        repository.save(TEAM, openai("p", null), null, null);
        ProviderCatalog catalog = catalog(Map.of("anthropic.api.key", "ak-secret", "anthropic.models", "claude-x"),
                repository, Duration.ZERO);

        List<ProviderDescription> descriptions = catalog.describe(TEAM);

        assertEquals(List.of(new ProviderDescription("p", ProviderKind.OPENAI, "team", false, List.of("m")),
                new ProviderDescription("anthropic", ProviderKind.ANTHROPIC, "environment", true, List.of("claude-x"))),
                descriptions);
        assertFalse(descriptions.toString().contains("ak-secret"));
        assertEquals(List.of(new ProviderDescription("sandbox", ProviderKind.SANDBOX, "builtin", true, List.of())),
                catalog(Map.of(), repository, Duration.ZERO).describe(OTHER));
        assertEquals(0, openai.built.size() + anthropic.built.size() + sandbox.built.size());
    }
}
