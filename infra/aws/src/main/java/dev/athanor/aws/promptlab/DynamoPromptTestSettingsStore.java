package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.model.promptlab.PromptTestSettings;
import dev.athanor.model.promptlab.PromptTestSettingsStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Backend-test settings, one item {@code settings#<project id>} per project in the {@code prompt_projects} table
 * (they belong to the project and are as small). A save replaces the item; of two saves at once the later wins.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-projects")
public class DynamoPromptTestSettingsStore implements PromptTestSettingsStore, TeamData {

    static final String SETTINGS = "settings#";
    private static final int ATTEMPTS = 5;
    private static final TableDefinition<PromptTestSettingsItem> TABLE =
            new TableDefinition<>(Tables.PROMPT_PROJECTS.logicalName(), PromptTestSettingsItem.class);

    private final TeamScopedTable<PromptTestSettingsItem> table;
    private final JsonMapper json;

    public DynamoPromptTestSettingsStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, TABLE, PromptTestSettingsItem::new);
        this.json = json;
    }

    @Override
    public Optional<PromptTestSettings> find(TeamId team, long projectId) {
        return table.getLatest(team, key(projectId)).map(this::view);
    }

    @Override
    public PromptTestSettings save(TeamId team, long projectId, PromptTestSettings settings) {
        String prompt = write(settings.prompt());
        for (int attempt = 1; ; attempt++) {
            Long version = table.getLatest(team, key(projectId)).map(PromptTestSettingsItem::getVersion).orElse(null);
            try {
                return view(table.put(team, key(projectId), version, item -> {
                    item.setProjectId(projectId);
                    item.setTestBackendUrl(settings.testBackendUrl());
                    item.setPrompt(prompt);
                    item.setUpdatedAt(settings.updatedAt());
                }));
            } catch (ConflictException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public void deleteProject(TeamId team, long projectId) {
        table.delete(team, key(projectId));
    }

    @Override
    public String name() {
        return "prompt_test_settings";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAllWithPrefix(team, SETTINGS);
    }

    private static String key(long projectId) {
        return SETTINGS + String.format("%019d", projectId);
    }

    private String write(PromptSettings prompt) {
        try {
            return json.writeValueAsString(prompt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PromptTestSettings view(PromptTestSettingsItem item) {
        try {
            return new PromptTestSettings(item.getTestBackendUrl(), json.readValue(item.getPrompt(),
                    PromptSettings.class), item.getUpdatedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
