package dev.athanor.aws.accounts;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** The {@code accounts} table, shared by the account, refresh-token and login-failure stores. */
final class AccountTables {

    private AccountTables() {
    }

    static DynamoDbTable<AccountItem> of(DynamoDbEnhancedClient client, TableNames names) {
        return client.table(names.require(Tables.ACCOUNTS), Tables.ACCOUNTS.schema());
    }
}
