package dev.athanor.aws.settings;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.util.Map;

/** A team's settings document for one scope; the id is the scope name. */
@DynamoDbBean
public class SettingsItem extends TeamScopedItem {

    private Map<String, String> values;

    public Map<String, String> getValues() {
        return values;
    }

    public void setValues(Map<String, String> values) {
        this.values = values;
    }
}
