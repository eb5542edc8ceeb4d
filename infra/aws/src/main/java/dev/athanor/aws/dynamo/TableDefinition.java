package dev.athanor.aws.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.util.Locale;

/** A table the code uses: its logical name (the configuration key) and the item bean that fixes its key schema. */
public record TableDefinition<T>(String logicalName, Class<T> itemType) {

    public TableSchema<T> schema() {
        return TableSchema.fromBean(itemType);
    }

    /** The environment variable template.yaml sets to the physical table name. */
    public String environmentVariable() {
        return "ATHANOR_DYNAMODB_TABLES_" + logicalName.toUpperCase(Locale.ROOT);
    }
}
