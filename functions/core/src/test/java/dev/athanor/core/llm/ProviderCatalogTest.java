package dev.athanor.core.llm;

import dev.athanor.core.llm.FakeProviders.MapRepository;
import dev.athanor.core.llm.FakeProviders.RecordingFactory;
import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderDefinition;
import dev.athanor.model.settings.SettingsRepository;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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

    private final Map<TeamId, Map<String, String>> storedSettings = new HashMap<>();
    private final SettingsRepository settings = new SettingsRepository() {
        @Override
        public Optional<Versioned<Map<String, String>>> find(TeamId team, String scope) {
            return Optional.ofNullable(storedSettings.get(team)).map(values -> new Versioned<>(values, 1));
        }

        @Override
        public Versioned<Map<String, String>> save(TeamId team, String scope, Map<String, String> values,
                                                   Long expected) {
            throw new UnsupportedOperationException();
        }
    };

    private ProviderCatalog catalog(Map<String, Object> environment, MapRepository registry, Duration ttl) {
        return new ProviderCatalog(new ProviderClients(List.of(openai, anthropic, sandbox)),
                new EnvironmentProviders(new MapPropertyResolver(environment)), registry, LlmSettings.cachedFor(ttl));
    }

    private ProviderCatalog catalog(Map<String, Object> environment, ProviderKeyVariables keys) {
        return new ProviderCatalog(new ProviderClients(List.of(openai, anthropic, sandbox)),
                new EnvironmentProviders(new MapPropertyResolver(environment)), repository, LlmSettings.cachedFor(Duration.ZERO),
                settings, keys);
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
    void a_read_that_just_went_stale_is_used_while_one_background_read_refreshes_it() {
        Duration ttl = Duration.ofSeconds(1);
        AtomicLong now = new AtomicLong();
        ProviderCatalog catalog = new ProviderCatalog(new ProviderClients(List.of(openai, anthropic, sandbox)),
                new EnvironmentProviders(new MapPropertyResolver(Map.of())), repository, LlmSettings.cachedFor(ttl), null,
                ProviderKeyVariables.NONE, now::get);
        List<Runnable> blocking = new ArrayList<>();
        assertNull(catalog.providersInMemory(TEAM, blocking::add), "nothing read yet");
        catalog.providers(TEAM);
        repository.save(TEAM, openai("p", "https://p.example.com"), null, null);
        now.addAndGet(ttl.plusMillis(100).toNanos());

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
    void after_an_idle_spell_a_read_within_max_stale_serves_at_once_and_an_older_one_is_read_first() {
        AtomicLong now = new AtomicLong();
        ProviderCatalog catalog = new ProviderCatalog(new ProviderClients(List.of(openai, anthropic, sandbox)),
                new EnvironmentProviders(new MapPropertyResolver(Map.of())), repository,
                new LlmSettings(Duration.ofSeconds(1), Duration.ofSeconds(10)), null, ProviderKeyVariables.NONE, now::get);
        List<Runnable> blocking = new ArrayList<>();
        catalog.providers(TEAM);

        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(List.of("sandbox"), ids(catalog.providersInMemory(TEAM, blocking::add)),
                "the first call after 9 s idle does not wait for the table");
        assertEquals(1, blocking.size(), "it is read behind the call");
        blocking.remove(0).run();
        assertEquals(2, repository.configReads.get());

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertNull(catalog.providersInMemory(TEAM, blocking::add), "older than max-stale: read before answering");
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
        assertEquals(List.of(new ProviderDescription("sandbox", ProviderKind.SANDBOX, "builtin", true,
                        List.of("sandbox"))),
                catalog(Map.of(), repository, Duration.ZERO).describe(OTHER));
        assertEquals(0, openai.built.size() + anthropic.built.size() + sandbox.built.size());
    }

    @Test
    void the_active_provider_is_tried_first_and_one_the_team_does_not_have_is_ignored() {
        repository.save(TEAM, openai("a-vllm", "https://a.example.com/v1"), null, null);
        repository.save(TEAM, openai("b-vllm", "https://b.example.com/v1"), null, null);
        ProviderCatalog catalog = catalog(Map.of("openai.api.key", "sk-env"), ProviderKeyVariables.NONE);
        storedSettings.put(TEAM, Map.of("llm_provider", "openai"));

        assertEquals(List.of("openai", "a-vllm", "b-vllm"), ids(catalog.providers(TEAM)));
        assertEquals(new ProviderDescription("openai", ProviderKind.OPENAI, "environment", true, List.of("gpt-4o",
                "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini")), catalog.active(TEAM));

        storedSettings.put(TEAM, Map.of("llm_provider", "b-vllm"));
        assertEquals(List.of("b-vllm", "a-vllm", "openai"), ids(catalog.providers(TEAM)));

        storedSettings.put(TEAM, Map.of("llm_provider", "gone"));
        assertEquals(List.of("a-vllm", "b-vllm", "openai"), ids(catalog.providers(TEAM)));
        storedSettings.put(TEAM, Map.of("llm_provider", ""));
        assertEquals("a-vllm", catalog.active(TEAM).id());
    }

    @Test
    void a_disabled_provider_cannot_be_active() {
        repository.save(TEAM, openai("a", "https://a.example.com/v1"), null, null);
        repository.save(TEAM, new ProviderDefinition("off", ProviderKind.OPENAI, null, List.of(), Map.of(), false),
                null, null);
        storedSettings.put(TEAM, Map.of("llm_provider", "off"));

        assertEquals(List.of("a"), ids(catalog(Map.of(), ProviderKeyVariables.NONE).providers(TEAM)));
    }

    @Test
    void choosing_the_sandbox_puts_it_first_next_to_the_other_providers() {
        ProviderCatalog catalog = catalog(Map.of("anthropic.api.key", "ak"), ProviderKeyVariables.NONE);
        storedSettings.put(TEAM, Map.of("llm_provider", "sandbox"));

        assertEquals(List.of("sandbox", "anthropic"), ids(catalog.providers(TEAM)));
        assertEquals(List.of("anthropic"), ids(catalog.providers(OTHER)));
    }

    @Test
    void the_active_provider_is_cached_with_the_registry_read() {
        ProviderCatalog catalog = catalog(Map.of("anthropic.api.key", "ak"), repository, Duration.ofMinutes(1));
        ProviderCatalog withSettings = new ProviderCatalog(new ProviderClients(List.of(openai, anthropic, sandbox)),
                new EnvironmentProviders(new MapPropertyResolver(Map.of("anthropic.api.key", "ak"))), repository,
                LlmSettings.cachedFor(Duration.ofMinutes(1)), settings, ProviderKeyVariables.NONE);
        withSettings.providers(TEAM);
        storedSettings.put(TEAM, Map.of("llm_provider", "sandbox"));

        assertEquals(List.of("anthropic"), ids(withSettings.providers(TEAM)));
        withSettings.invalidate(TEAM);
        assertEquals(List.of("sandbox", "anthropic"), ids(withSettings.providers(TEAM)));
        assertEquals(List.of("anthropic"), ids(catalog.providers(TEAM)), "a catalog without settings has no choice");
    }

    @Test
    void a_registered_provider_takes_its_key_from_an_allowed_variable_sent_only_where_it_belongs() {
        ProviderKeyVariables keys = new ProviderKeyVariables(List.of("EXAMPLE_API_KEY", "OPENAI_API_KEY"),
                Map.of("OPENAI_API_KEY", "https://api.openai.com/v1"),
                new MapPropertyResolver(Map.of("example.api.key", "sk-example", "openai.api.key", "sk-openai",
                        "home", "/root")));
        repository.save(TEAM, keyed("p", "https://p.example.com/v1", "EXAMPLE_API_KEY"), null, null);
        repository.save(TEAM, keyed("q", "https://q.example.com/v1", "OPENAI_API_KEY"), null, null);
        repository.save(TEAM, keyed("r", null, "OPENAI_API_KEY"), null, null);
        repository.save(TEAM, keyed("s", "https://s.example.com/v1", "HOME"), null, null);
        repository.save(TEAM, keyed("t", "https://t.example.com/v1", "EXAMPLE_API_KEY"), "sk-own", null);
        ProviderCatalog catalog = catalog(Map.of(), keys);

        Map<String, String> keysById = new HashMap<>();
        catalog.providers(TEAM).forEach(p -> keysById.put(p.id(), ((FakeProviders.FakeClient) p).config().apiKey()));

        assertEquals("sk-example", keysById.get("p"));
        assertNull(keysById.get("q"), "a vendor's key never goes to another base URL");
        assertEquals("sk-openai", keysById.get("r"));
        assertNull(keysById.get("s"), "only listed variables are read");
        assertEquals("sk-own", keysById.get("t"), "a stored key wins");
        assertEquals("sk-example", catalog.find(TEAM, "p").orElseThrow().config().apiKey());
    }

    @Test
    void find_reads_any_registration_then_the_environment_then_the_sandbox() {
        repository.save(TEAM, new ProviderDefinition("openai", ProviderKind.OPENAI, "https://team.example.com/v1",
                List.of(), Map.of(), false), "sk-team", null);
        ProviderCatalog catalog = catalog(Map.of("openai.api.key", "sk-env", "anthropic.api.key", "ak"),
                ProviderKeyVariables.NONE);

        ProviderCatalog.Entry disabled = catalog.find(TEAM, "openai").orElseThrow();
        assertEquals("team", disabled.source());
        assertEquals("sk-team", disabled.config().apiKey());
        assertEquals("environment", catalog.find(OTHER, "openai").orElseThrow().source());
        assertEquals("builtin", catalog.find(TEAM, "sandbox").orElseThrow().source());
        assertTrue(catalog.find(TEAM, "missing").isEmpty());
        assertTrue(catalog.find(TEAM, "Not/A Name").isEmpty());
        assertEquals(List.of("openai", "anthropic"),
                catalog.environment().stream().map(entry -> entry.config().id()).toList());
    }

    private static ProviderDefinition keyed(String id, String baseUrl, String variable) {
        return new ProviderDefinition(id, ProviderKind.OPENAI, baseUrl, List.of(), Map.of("api_key_env", variable),
                true);
    }
}
