package dev.athanor.aws.accounts;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.accounts.RefreshToken;
import dev.athanor.model.accounts.RefreshTokenStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.Optional;

import static dev.athanor.aws.accounts.DynamoAccountStore.key;

/**
 * Refresh tokens ({@code refresh#<hash>}) and their families ({@code family#<id>}) in the {@code accounts} table.
 * A rotation is one transaction: the presented token is marked used on condition that it is still unused and
 * unexpired, the family must not be revoked, and the next token is added. Of two requests presenting the same token
 * at once, exactly one wins; the other is told it lost and treats the token as reused.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.accounts")
public class DynamoRefreshTokenStore implements RefreshTokenStore {

    static final String REFRESH = "refresh#";
    static final String FAMILY = "family#";
    private static final Expression NOT_EXISTS = Expression.builder().expression("attribute_not_exists(pk)").build();
    private static final AttributeValue FALSE = AttributeValue.fromBool(false);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<AccountItem> table;

    public DynamoRefreshTokenStore(DynamoDbEnhancedClient client, TableNames names) {
        this.client = client;
        this.table = AccountTables.of(client, names);
    }

    @Override
    public void startFamily(String familyId, String email, String tokenHash, Instant expiresAt) {
        AccountItem family = new AccountItem();
        family.setPk(FAMILY + familyId);
        family.setRevoked(false);
        family.setPurgeAt(expiresAt.getEpochSecond());
        client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(table, TransactPutItemEnhancedRequest.builder(AccountItem.class)
                        .item(family).conditionExpression(NOT_EXISTS).build())
                .addPutItem(table, TransactPutItemEnhancedRequest.builder(AccountItem.class)
                        .item(token(tokenHash, familyId, email, expiresAt)).conditionExpression(NOT_EXISTS).build())
                .build());
    }

    @Override
    public Optional<RefreshToken> find(String tokenHash) {
        AccountItem token = table.getItem(r -> r.key(key(REFRESH + tokenHash)).consistentRead(true));
        if (token == null) {
            return Optional.empty();
        }
        AccountItem family = table.getItem(r -> r.key(key(FAMILY + token.getFamilyId())).consistentRead(true));
        // a family that is gone has outlived every token it issued
        boolean revoked = family == null || !Boolean.FALSE.equals(family.getRevoked());
        return Optional.of(new RefreshToken(tokenHash, token.getFamilyId(), token.getEmail(),
                Instant.ofEpochMilli(token.getExpiresAt()), Boolean.TRUE.equals(token.getUsed()), revoked));
    }

    @Override
    public boolean rotate(RefreshToken current, String nextHash, Instant nextExpiresAt, Instant now) {
        AccountItem used = new AccountItem();
        used.setPk(REFRESH + current.tokenHash());
        used.setUsed(true);
        AccountItem family = new AccountItem();
        family.setPk(FAMILY + current.familyId());
        family.setPurgeAt(nextExpiresAt.getEpochSecond());
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addUpdateItem(table, TransactUpdateItemEnhancedRequest.builder(AccountItem.class)
                            .item(used).ignoreNulls(true)
                            .conditionExpression(Expression.builder()
                                    .expression("attribute_exists(pk) AND used = :false AND expires_at > :now")
                                    .putExpressionValue(":false", FALSE)
                                    .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))
                                    .build())
                            .build())
                    .addUpdateItem(table, TransactUpdateItemEnhancedRequest.builder(AccountItem.class)
                            .item(family).ignoreNulls(true)
                            .conditionExpression(Expression.builder()
                                    .expression("attribute_exists(pk) AND revoked = :false")
                                    .putExpressionValue(":false", FALSE)
                                    .build())
                            .build())
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(AccountItem.class)
                            .item(token(nextHash, current.familyId(), current.email(), nextExpiresAt))
                            .conditionExpression(NOT_EXISTS).build())
                    .build());
            return true;
        } catch (TransactionCanceledException lost) {
            return false;
        }
    }

    @Override
    public void revokeFamily(String familyId, Instant keepUntil) {
        AccountItem family = new AccountItem();
        family.setPk(FAMILY + familyId);
        family.setRevoked(true);
        family.setPurgeAt(keepUntil.getEpochSecond());
        table.putItem(family);
    }

    private static AccountItem token(String hash, String familyId, String email, Instant expiresAt) {
        AccountItem item = new AccountItem();
        item.setPk(REFRESH + hash);
        item.setFamilyId(familyId);
        item.setEmail(email);
        item.setUsed(false);
        item.setExpiresAt(expiresAt.toEpochMilli());
        item.setPurgeAt(expiresAt.getEpochSecond());
        return item;
    }
}
