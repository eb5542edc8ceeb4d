package dev.athanor.core.llm;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderDefinition;
import dev.athanor.model.providers.ProviderRepository;
import dev.athanor.model.providers.RegisteredProvider;
import dev.athanor.model.llm.StreamListener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Test-only stand-ins: client factories that record what they build, and a repository in a map. */
final class FakeProviders {

    private FakeProviders() {
    }

    /** A client that only knows its configuration and lists what it is given; nothing calls a model. */
    record FakeClient(ProviderConfig config, Supplier<List<ModelInfo>> listing) implements LlmProvider {

        FakeClient(ProviderConfig config) {
            this(config, List::of);
        }

        @Override
        public String id() {
            return config.id();
        }

        @Override
        public ProviderKind kind() {
            return config.kind();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ChatResponse stream(ChatRequest request, StreamListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelInfo> models() {
            return listing.get();
        }

        @Override
        public EmbeddingResponse embed(EmbeddingRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    static final class RecordingFactory implements ProviderClientFactory {
        private final ProviderKind kind;
        final List<ProviderConfig> built = new ArrayList<>();

        RecordingFactory(ProviderKind kind) {
            this.kind = kind;
        }

        @Override
        public ProviderKind kind() {
            return kind;
        }

        @Override
        public LlmProvider create(ProviderConfig config) {
            built.add(config);
            return new FakeClient(config);
        }
    }

    static final class MapRepository implements ProviderRepository {
        private final Map<String, Map<String, Object[]>> teams = new TreeMap<>();
        final AtomicInteger configReads = new AtomicInteger();

        @Override
        public RegisteredProvider save(TeamId team, ProviderDefinition definition, String apiKey, Long expectedVersion) {
            Map<String, Object[]> items = teams.computeIfAbsent(team.value(), t -> new TreeMap<>());
            Object[] current = items.get(definition.id());
            long version = current == null ? 1 : (long) current[2] + 1;
            String key = apiKey == null && current != null ? (String) current[1] : apiKey == null || apiKey.isEmpty() ? null : apiKey;
            items.put(definition.id(), new Object[] {definition, key, version});
            return view(definition, key, version);
        }

        @Override
        public Optional<RegisteredProvider> get(TeamId team, String id) {
            Object[] item = teams.getOrDefault(team.value(), Map.of()).get(id);
            return Optional.ofNullable(item).map(i -> view((ProviderDefinition) i[0], (String) i[1], (long) i[2]));
        }

        @Override
        public List<RegisteredProvider> list(TeamId team) {
            return teams.getOrDefault(team.value(), Map.of()).values().stream()
                    .map(i -> view((ProviderDefinition) i[0], (String) i[1], (long) i[2]))
                    .sorted(Comparator.comparing(RegisteredProvider::id)).toList();
        }

        @Override
        public Optional<ProviderConfig> config(TeamId team, String id) {
            Object[] item = teams.getOrDefault(team.value(), Map.of()).get(id);
            return Optional.ofNullable(item).map(i -> config((ProviderDefinition) i[0], (String) i[1]));
        }

        @Override
        public boolean delete(TeamId team, String id) {
            return teams.getOrDefault(team.value(), new TreeMap<>()).remove(id) != null;
        }

        @Override
        public List<Versioned<ProviderConfig>> enabledConfigs(TeamId team) {
            configReads.incrementAndGet();
            List<Versioned<ProviderConfig>> configs = new ArrayList<>();
            teams.getOrDefault(team.value(), Map.of()).values().forEach(i -> {
                ProviderDefinition d = (ProviderDefinition) i[0];
                if (d.enabled()) {
                    configs.add(new Versioned<>(config(d, (String) i[1]), (long) i[2]));
                }
            });
            return configs;
        }

        private static ProviderConfig config(ProviderDefinition d, String key) {
            return new ProviderConfig(d.id(), d.kind(), d.baseUrl(), key, d.models(), d.options(), null);
        }

        private static RegisteredProvider view(ProviderDefinition d, String key, long version) {
            Instant at = Instant.EPOCH;
            return new RegisteredProvider(d.id(), d.kind(), d.baseUrl(), d.models(), d.options(), d.enabled(),
                    key != null, at, at, version);
        }
    }
}
