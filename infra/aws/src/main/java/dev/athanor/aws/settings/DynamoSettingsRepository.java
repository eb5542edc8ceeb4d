package dev.athanor.aws.settings;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.settings.SettingsRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.Map;
import java.util.Optional;

/**
 * Exists only in functions given the settings table (template.yaml grants the table and sets its name together).
 * A team's wipe removes every settings document of the team, whatever its scope.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.settings")
public class DynamoSettingsRepository implements SettingsRepository, TeamData {

    private final TeamScopedTable<SettingsItem> table;

    public DynamoSettingsRepository(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.SETTINGS, SettingsItem::new);
    }

    @Override
    public Optional<Versioned<Map<String, String>>> find(TeamId team, String scope) {
        return table.get(team, scope).map(item -> new Versioned<>(Map.copyOf(item.getValues()), item.getVersion()));
    }

    @Override
    public Versioned<Map<String, String>> save(TeamId team, String scope, Map<String, String> values, Long expectedVersion) {
        SettingsItem saved = table.put(team, scope, expectedVersion, item -> item.setValues(values));
        return new Versioned<>(Map.copyOf(values), saved.getVersion());
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }
}
