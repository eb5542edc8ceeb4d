package dev.athanor.aws.providers;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderDefinition;
import dev.athanor.model.providers.ProviderRepository;
import dev.athanor.model.providers.RegisteredProvider;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Providers in the {@code providers} table, one item per team and provider id, API keys sealed with the
 * {@link SecretSealer} under the context {@code <team>/providers/<id>} so a sealed key copied to another item does not
 * open. Exists only in functions given the table. A team's wipe removes all of its providers.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.providers")
public class DynamoProviderRepository implements ProviderRepository, TeamData {

    private final TeamScopedTable<ProviderItem> table;
    private final SecretSealer sealer;
    private final Clock clock;

    @Inject
    public DynamoProviderRepository(DynamoDbEnhancedClient client, TableNames names, @Nullable SecretSealer sealer) {
        this(client, names, sealer, Clock.systemUTC());
    }

    DynamoProviderRepository(DynamoDbEnhancedClient client, TableNames names, SecretSealer sealer, Clock clock) {
        this.table = new TeamScopedTable<>(client, names, Tables.PROVIDERS, ProviderItem::new);
        this.sealer = sealer;
        this.clock = clock;
    }

    @Override
    public RegisteredProvider save(TeamId team, ProviderDefinition definition, String apiKey, Long expectedVersion) {
        Optional<ProviderItem> current = expectedVersion == null ? Optional.empty() : table.get(team, definition.id());
        if (expectedVersion != null && current.map(item -> !expectedVersion.equals(item.getVersion())).orElse(true)) {
            throw new ConflictException("'" + definition.id() + "' was changed or removed by another request; read it again and retry");
        }
        String sealedKey;
        if (apiKey == null) {
            sealedKey = current.map(ProviderItem::getSealedApiKey).orElse(null);
        } else if (apiKey.isEmpty()) {
            sealedKey = null;
        } else {
            sealedKey = sealer().seal(apiKey, context(team, definition.id()));
        }
        Instant now = clock.instant();
        Instant createdAt = current.map(ProviderItem::getCreatedAt).orElse(now);
        ProviderItem saved = table.put(team, definition.id(), expectedVersion, item -> {
            item.setKind(definition.kind().wireName());
            item.setBaseUrl(definition.baseUrl());
            item.setModels(definition.models());
            item.setOptions(definition.options());
            item.setEnabled(definition.enabled());
            item.setSealedApiKey(sealedKey);
            item.setCreatedAt(createdAt);
            item.setUpdatedAt(now);
        });
        return view(saved);
    }

    @Override
    public Optional<RegisteredProvider> get(TeamId team, String id) {
        return table.get(team, id).map(DynamoProviderRepository::view);
    }

    @Override
    public List<RegisteredProvider> list(TeamId team) {
        return table.list(team).stream().map(DynamoProviderRepository::view)
                .sorted(Comparator.comparing(RegisteredProvider::id)).toList();
    }

    @Override
    public Optional<ProviderConfig> config(TeamId team, String id) {
        return table.get(team, id).map(item -> config(team, item));
    }

    @Override
    public boolean delete(TeamId team, String id) {
        return table.delete(team, id);
    }

    @Override
    public List<Versioned<ProviderConfig>> enabledConfigs(TeamId team) {
        return table.list(team).stream()
                .filter(item -> !Boolean.FALSE.equals(item.getEnabled()))
                .sorted(Comparator.comparing(ProviderItem::getId))
                .map(item -> new Versioned<>(config(team, item), item.getVersion()))
                .toList();
    }

    @Override
    public String name() {
        return "providers";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    /** A team's registration: its base URL is a user's, so its connections go through the SSRF guard. */
    private ProviderConfig config(TeamId team, ProviderItem item) {
        String key = item.getSealedApiKey() == null ? null : sealer().unseal(item.getSealedApiKey(), context(team, item.getId()));
        return new ProviderConfig(item.getId(), ProviderKind.fromWire(item.getKind()), item.getBaseUrl(), key,
                item.getModels(), item.getOptions(), null, true);
    }

    private SecretSealer sealer() {
        if (sealer == null) {
            throw new UnavailableException("Provider API keys cannot be stored or read: no sealing key is configured "
                    + "(set athanor.crypto.kms-key-id or athanor.crypto.local-key-file)");
        }
        return sealer;
    }

    static String context(TeamId team, String id) {
        return team.value() + "/providers/" + id;
    }

    private static RegisteredProvider view(ProviderItem item) {
        return new RegisteredProvider(item.getId(), ProviderKind.fromWire(item.getKind()), item.getBaseUrl(),
                item.getModels(), item.getOptions(), !Boolean.FALSE.equals(item.getEnabled()),
                item.getSealedApiKey() != null, item.getCreatedAt(), item.getUpdatedAt(), item.getVersion());
    }
}
