package dev.athanor.aws.keys;

import dev.athanor.aws.dynamo.Cursors;
import dev.athanor.aws.dynamo.SortKeys;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetPeriod;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.keys.ApiKey;
import dev.athanor.model.keys.ApiKeyStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys in the {@code api_keys} table, keyed by key id; a team's keys are listed newest first from the
 * {@code by_team} index. A key is looked up by id alone, then every team-scoped method checks that it is the
 * caller's team's: another team's key is reported as absent.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.api-keys")
public class DynamoApiKeyStore implements ApiKeyStore {

    private static final String CURSOR_TAG = "ApiKeyItem/" + ApiKeyItem.BY_TEAM;
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbTable<ApiKeyItem> table;

    public DynamoApiKeyStore(DynamoDbEnhancedClient client, TableNames names) {
        this.table = client.table(names.require(Tables.API_KEYS), Tables.API_KEYS.schema());
    }

    @Override
    public ApiKey create(ApiKey key) {
        ApiKeyItem item = toItem(key);
        item.setVersion(null); // new: the versioned-record extension writes only if no item has this id
        try {
            return fromItem(table.updateItem(item));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("API key '" + key.id() + "' already exists", e);
        }
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(keyId)).consistentRead(true)))
                .map(DynamoApiKeyStore::fromItem);
    }

    @Override
    public Page<ApiKey> list(TeamId team, PageRequest page) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(team.value()).build()))
                .scanIndexForward(false)
                .limit(page.limit() + 1);
        if (page.cursor() != null) {
            request.exclusiveStartKey(decode(team, page.cursor()));
        }
        List<ApiKeyItem> items = table.index(ApiKeyItem.BY_TEAM).query(request.build()).iterator().next().items();
        if (items.size() <= page.limit()) {
            return Page.last(items.stream().map(DynamoApiKeyStore::fromItem).toList());
        }
        List<ApiKeyItem> shown = items.subList(0, page.limit());
        ApiKeyItem last = shown.get(shown.size() - 1);
        String next = Cursors.encode(List.of(CURSOR_TAG, team.value(), last.getCreatedKey(), last.getId()));
        return new Page<>(shown.stream().map(DynamoApiKeyStore::fromItem).toList(), next);
    }

    @Override
    public Optional<ApiKey> revoke(TeamId team, String keyId, Instant at) {
        for (int attempt = 1; ; attempt++) {
            Optional<ApiKey> stored = find(keyId).filter(k -> k.team().equals(team));
            if (stored.isEmpty() || stored.get().revokedAt() != null) {
                return stored;
            }
            try {
                return Optional.of(fromItem(table.updateItem(toItem(stored.get().revoked(at)))));
            } catch (ConditionalCheckFailedException raced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new ConflictException("API key '" + keyId + "' is changing too fast; try again", raced);
                }
            }
        }
    }

    private static Map<String, AttributeValue> decode(TeamId team, String cursor) {
        List<String> parts = Cursors.decode(cursor);
        if (parts.size() != 4 || !CURSOR_TAG.equals(parts.get(0)) || !team.value().equals(parts.get(1))
                || parts.get(2).isEmpty() || parts.get(3).isEmpty()) {
            throw Cursors.invalid();
        }
        return Map.of("team_id", AttributeValue.fromS(parts.get(1)),
                "created_key", AttributeValue.fromS(parts.get(2)),
                "id", AttributeValue.fromS(parts.get(3)));
    }

    private static Key key(String keyId) {
        return Key.builder().partitionValue(keyId).build();
    }

    static ApiKeyItem toItem(ApiKey key) {
        ApiKeyItem item = new ApiKeyItem();
        item.setId(key.id());
        item.setTeamId(key.team().value());
        item.setCreatedKey(SortKeys.timeThen(key.createdAt(), key.id()));
        item.setVersion(key.version());
        item.setName(key.name());
        item.setRole(key.role());
        item.setCreatedBy(key.createdBy());
        item.setCreatedAt(key.createdAt().toString());
        item.setExpiresAt(key.expiresAt() == null ? null : key.expiresAt().toString());
        item.setAllowedModels(key.allowedModels());
        item.setBudgetUsd(key.budgetUsd());
        item.setBudgetPeriod(key.budgetPeriod() == null ? null : key.budgetPeriod().wireName());
        item.setRequestsPerMinute(key.requestsPerMinute());
        item.setTokensPerMinute(key.tokensPerMinute());
        item.setRevokedAt(key.revokedAt() == null ? null : key.revokedAt().toString());
        item.setSecretHash(key.secretHash());
        return item;
    }

    static ApiKey fromItem(ApiKeyItem item) {
        return new ApiKey(item.getId(), TeamId.of(item.getTeamId()), item.getName(), item.getRole(),
                item.getCreatedBy(), Instant.parse(item.getCreatedAt()), instant(item.getExpiresAt()),
                item.getAllowedModels(), item.getBudgetUsd(),
                item.getBudgetPeriod() == null ? null : BudgetPeriod.fromWire(item.getBudgetPeriod()),
                item.getRequestsPerMinute(), item.getTokensPerMinute(), instant(item.getRevokedAt()),
                item.getSecretHash(), item.getVersion());
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
