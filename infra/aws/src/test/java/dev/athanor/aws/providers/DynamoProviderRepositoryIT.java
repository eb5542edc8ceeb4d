package dev.athanor.aws.providers;

import dev.athanor.aws.crypto.LocalKeySecretSealer;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderDefinition;
import dev.athanor.model.providers.RegisteredProvider;
import dev.athanor.model.secrets.SealedSecretException;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalStackExtension.class)
class DynamoProviderRepositoryIT {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private String tableName;
    private DynamoProviderRepository repository;
    private TeamId team;
    private TeamId otherTeam;

    @BeforeEach
    void setUp() {
        tableName = LocalStackExtension.stack().functionEnvironment("FactoryFunction").get("ATHANOR_DYNAMODB_TABLES_PROVIDERS");
        repository = repository(new LocalKeySecretSealer(dir.resolve("data-key")));
        // fresh teams per test: the embedded table is shared by the whole test JVM
        team = TeamId.of("team-" + UUID.randomUUID());
        otherTeam = TeamId.of("other-" + UUID.randomUUID());
    }

    private DynamoProviderRepository repository(LocalKeySecretSealer sealer) {
        TableNames names = new TableNames() {
            @Override
            public String getSettings() {
                return null;
            }

            @Override
            public String getBreakers() {
                return null;
            }

            @Override
            public String getProviders() {
                return tableName;
            }

            @Override
            public String getProjects() {
                return null;
            }

            @Override
            public String getAgents() {
                return null;
            }
        };
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(LocalStackExtension.stack().dynamo()).build();
        return new DynamoProviderRepository(client, names, sealer, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProviderDefinition definition(String id, boolean enabled) {
        return new ProviderDefinition(id, ProviderKind.OPENAI, "https://api.example.com/v1", List.of("m-1", "m-2"),
                Map.of("organization", "org-1"), enabled);
    }

    @Test
    void saved_providers_are_listed_got_and_deleted_within_their_team_only() {
        repository.save(team, definition("zeta", true), null, null);
        RegisteredProvider saved = repository.save(team, definition("alpha", true), "sk-alpha", null);
        repository.save(otherTeam, definition("alpha", true), null, null);

        assertEquals(new RegisteredProvider("alpha", ProviderKind.OPENAI, "https://api.example.com/v1",
                List.of("m-1", "m-2"), Map.of("organization", "org-1"), true, true, NOW, NOW, 1L), saved);
        assertEquals(List.of("alpha", "zeta"), repository.list(team).stream().map(RegisteredProvider::id).toList());
        assertEquals(saved, repository.get(team, "alpha").orElseThrow());
        assertFalse(repository.get(otherTeam, "alpha").orElseThrow().hasApiKey());
        assertTrue(repository.get(team, "missing").isEmpty());

        assertTrue(repository.delete(team, "alpha"));
        assertFalse(repository.delete(team, "alpha"));
        assertEquals(List.of("zeta"), repository.list(team).stream().map(RegisteredProvider::id).toList());
        assertTrue(repository.get(otherTeam, "alpha").isPresent());
    }

    @Test
    void the_key_is_stored_sealed_and_opens_only_for_internal_configs() {
        repository.save(team, definition("openai", true), "sk-plain-secret", null);

        Map<String, AttributeValue> raw = LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(tableName)
                .key(Map.of("team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS("openai")))).item();
        String sealed = raw.get("sealed_api_key").s();
        assertTrue(sealed.startsWith("v1.local."), sealed);
        assertFalse(raw.toString().contains("sk-plain-secret"), raw.toString());

        List<Versioned<ProviderConfig>> configs = repository.enabledConfigs(team);
        assertEquals(1, configs.size());
        assertEquals("sk-plain-secret", configs.get(0).value().apiKey());
        assertEquals(1L, configs.get(0).version());
        assertFalse(configs.get(0).value().toString().contains("sk-plain-secret"));
        assertFalse(repository.get(team, "openai").orElseThrow().toString().contains("sk-plain-secret"));
    }

    @Test
    void a_sealed_key_copied_to_another_team_does_not_open() {
        repository.save(team, definition("openai", true), "sk-team-a", null);
        repository.save(otherTeam, definition("openai", true), "sk-team-b", null);
        Map<String, AttributeValue> key = Map.of("team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS("openai"));
        String sealedA = LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(tableName).key(key)).item()
                .get("sealed_api_key").s();
        LocalStackExtension.stack().dynamo().updateItem(r -> r.tableName(tableName)
                .key(Map.of("team_id", AttributeValue.fromS(otherTeam.value()), "id", AttributeValue.fromS("openai")))
                .updateExpression("SET sealed_api_key = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sealedA))));

        assertThrows(SealedSecretException.class, () -> repository.enabledConfigs(otherTeam));
    }

    @Test
    void an_update_keeps_the_key_unless_told_and_a_stale_version_conflicts() {
        RegisteredProvider created = repository.save(team, definition("p", true), "sk-1", null);

        RegisteredProvider renamed = repository.save(team, new ProviderDefinition("p", ProviderKind.OPENAI,
                "https://other.example.com/v1", List.of(), Map.of(), true), null, created.version());
        assertEquals(2L, renamed.version());
        assertEquals("https://other.example.com/v1", renamed.baseUrl());
        assertEquals("sk-1", repository.enabledConfigs(team).get(0).value().apiKey());

        assertThrows(ConflictException.class, () -> repository.save(team, definition("p", true), "sk-2", created.version()));
        assertThrows(ConflictException.class, () -> repository.save(team, definition("p", true), "sk-2", null));
        assertEquals("sk-1", repository.enabledConfigs(team).get(0).value().apiKey());

        RegisteredProvider cleared = repository.save(team, definition("p", true), "", renamed.version());
        assertFalse(cleared.hasApiKey());
        assertNull(repository.enabledConfigs(team).get(0).value().apiKey());
    }

    @Test
    void disabled_providers_are_listed_but_give_no_config() {
        repository.save(team, definition("off", false), "sk-off", null);
        repository.save(team, definition("on", true), null, null);

        assertEquals(2, repository.list(team).size());
        assertEquals(List.of("on"), repository.enabledConfigs(team).stream().map(v -> v.value().id()).toList());
    }

    @Test
    void saving_a_key_without_a_sealer_fails_clearly_and_stores_nothing() {
        DynamoProviderRepository unsealed = repository(null);

        UnavailableException e = assertThrows(UnavailableException.class,
                () -> unsealed.save(team, definition("p", true), "sk-1", null));
        assertTrue(e.getMessage().contains("athanor.crypto.kms-key-id"), e.getMessage());
        assertTrue(unsealed.get(team, "p").isEmpty());
        assertEquals(1L, unsealed.save(team, definition("p", true), null, null).version());
    }
}
