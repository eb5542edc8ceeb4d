package dev.athanor.aws.accounts;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.accounts.Account;
import dev.athanor.model.accounts.AccountStore;
import dev.athanor.model.accounts.Invite;
import dev.athanor.model.accounts.PendingVerification;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.ForbiddenException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, invites and verification tokens in the {@code accounts} table (see {@link AccountItem}). An account is
 * keyed by its email because login finds it by email; what needs several items to change together (an account and
 * the invite it redeems, a verification and its token) is one transaction with conditions, so nothing is
 * half-written and a code or token cannot be used twice.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.accounts")
public class DynamoAccountStore implements AccountStore {

    static final String USER = "user#";
    static final String INVITE = "invite#";
    static final String VERIFY = "verify#";
    private static final Expression NOT_EXISTS = Expression.builder().expression("attribute_not_exists(pk)").build();
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<AccountItem> table;

    public DynamoAccountStore(DynamoDbEnhancedClient client, TableNames names) {
        this.client = client;
        this.table = AccountTables.of(client, names);
    }

    @Override
    public void create(Account account, String inviteCodeHash, PendingVerification verification, Instant now) {
        TransactWriteItemsEnhancedRequest.Builder write = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(table, TransactPutItemEnhancedRequest.builder(AccountItem.class)
                        .item(toItem(account)).conditionExpression(NOT_EXISTS).build());
        if (inviteCodeHash != null) {
            write.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                    .key(key(INVITE + inviteCodeHash))
                    .conditionExpression(Expression.builder()
                            .expression("attribute_exists(pk) AND expires_at > :now")
                            .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))
                            .build())
                    .build());
        }
        if (verification != null) {
            AccountItem token = new AccountItem();
            token.setPk(VERIFY + verification.tokenHash());
            token.setEmail(account.email());
            token.setExpiresAt(verification.expiresAt().toEpochMilli());
            token.setPurgeAt(verification.expiresAt().getEpochSecond());
            write.addPutItem(table, TransactPutItemEnhancedRequest.builder(AccountItem.class)
                    .item(token).conditionExpression(NOT_EXISTS).build());
        }
        try {
            client.transactWriteItems(write.build());
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (failed(reasons, 0)) {
                throw new ConflictException("An account with this email already exists");
            }
            if (inviteCodeHash != null && failed(reasons, 1)) {
                throw new ForbiddenException("This invite code is not valid: it has expired or was used already");
            }
            throw cancelled;
        }
    }

    @Override
    public Optional<Account> byEmail(String email) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(USER + email)).consistentRead(true)))
                .map(DynamoAccountStore::toAccount);
    }

    @Override
    public void saveInvite(Invite invite) {
        AccountItem item = new AccountItem();
        item.setPk(INVITE + invite.codeHash());
        item.setTeamId(invite.team().value());
        item.setRole(invite.role());
        item.setCreatedBy(invite.createdBy());
        item.setExpiresAt(invite.expiresAt().toEpochMilli());
        item.setPurgeAt(invite.expiresAt().getEpochSecond());
        table.putItem(r -> r.item(item).conditionExpression(NOT_EXISTS));
    }

    @Override
    public Optional<Invite> invite(String codeHash) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(INVITE + codeHash)).consistentRead(true)))
                .map(item -> new Invite(codeHash, TeamId.of(item.getTeamId()), item.getRole(),
                        Instant.ofEpochMilli(item.getExpiresAt()), item.getCreatedBy()));
    }

    @Override
    public Optional<String> verify(String tokenHash, Instant now) {
        AccountItem token = table.getItem(r -> r.key(key(VERIFY + tokenHash)).consistentRead(true));
        if (token == null || token.getExpiresAt() == null || token.getExpiresAt() <= now.toEpochMilli()) {
            return Optional.empty();
        }
        AccountItem verified = new AccountItem();
        verified.setPk(USER + token.getEmail());
        verified.setVerified(true);
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addUpdateItem(table, TransactUpdateItemEnhancedRequest.builder(AccountItem.class)
                            .item(verified).ignoreNulls(true).conditionExpression(EXISTS).build())
                    .addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                            .key(key(VERIFY + tokenHash)).conditionExpression(EXISTS).build())
                    .build());
        } catch (TransactionCanceledException usedOrGone) {
            return Optional.empty();
        }
        return Optional.of(token.getEmail());
    }

    static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    static Key key(String pk) {
        return Key.builder().partitionValue(pk).build();
    }

    private static AccountItem toItem(Account account) {
        AccountItem item = new AccountItem();
        item.setPk(USER + account.email());
        item.setUserId(account.userId());
        item.setEmail(account.email());
        item.setPasswordHash(account.passwordHash());
        item.setFullName(account.fullName());
        item.setTeamId(account.team().value());
        item.setRole(account.role());
        item.setVerified(account.verified());
        item.setCreatedAt(account.createdAt().toEpochMilli());
        return item;
    }

    private static Account toAccount(AccountItem item) {
        return new Account(item.getUserId(), item.getEmail(), item.getPasswordHash(), item.getFullName(),
                TeamId.of(item.getTeamId()), item.getRole(), Boolean.TRUE.equals(item.getVerified()),
                Instant.ofEpochMilli(item.getCreatedAt()));
    }
}
