package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmHistoryEntry;
import dev.athanor.model.orchestrator.HrmPreset;
import dev.athanor.model.orchestrator.HrmStore;
import dev.athanor.model.orchestrator.StoredHrmConfig;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HRM configs, their history and a team's presets in the {@code hrm} table. Per team: {@code config#<project id>}
 * and {@code config#<project id>#task#<task id>}; {@code history#<config id>#<version>} (the config's version after
 * the change, zero-padded, so a config's history is one prefix, newest first when read in reverse);
 * {@code preset#<id>}; and {@code usage#<preset id>} counters. A config and its history entry are written in one
 * transaction. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.hrm")
public class DynamoHrmStore implements HrmStore {

    static final String CONFIG = "config#";
    static final String HISTORY = "history#";
    static final String PRESET = "preset#";
    static final String USAGE = "usage#";
    private static final Argument<List<HrmHistoryEntry.Change>> CHANGES =
            Argument.listOf(HrmHistoryEntry.Change.class);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<HrmConfigItem> configItems;
    private final DynamoDbTable<HrmHistoryItem> historyItems;
    private final TeamScopedTable<HrmConfigItem> configs;
    private final TeamScopedTable<HrmPresetItem> presets;
    private final TeamScopedTable<HrmUsageItem> usage;
    private final TeamScopedTable<HrmHistoryItem> history;
    private final PagedQuery<HrmHistoryItem> historyPages;
    private final AtomicCounter counter;
    private final JsonMapper json;

    public DynamoHrmStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames tables, JsonMapper json) {
        String tableName = tables.require(Tables.HRM);
        TableDefinition<HrmHistoryItem> historyTable = new TableDefinition<>(Tables.HRM.logicalName(),
                HrmHistoryItem.class);
        this.client = client;
        this.configItems = client.table(tableName, Tables.HRM.schema());
        this.historyItems = client.table(tableName, historyTable.schema());
        this.configs = new TeamScopedTable<>(client, tables, Tables.HRM, HrmConfigItem::new);
        this.presets = new TeamScopedTable<>(client, tables,
                new TableDefinition<>(Tables.HRM.logicalName(), HrmPresetItem.class), HrmPresetItem::new);
        this.usage = new TeamScopedTable<>(client, tables,
                new TableDefinition<>(Tables.HRM.logicalName(), HrmUsageItem.class), HrmUsageItem::new);
        this.history = new TeamScopedTable<>(client, tables, historyTable, HrmHistoryItem::new);
        this.historyPages = history.pages(null).newestFirst().consistent();
        this.counter = new AtomicCounter(dynamo, tableName);
        this.json = json;
    }

    @Override
    public Optional<Versioned<StoredHrmConfig>> findConfig(TeamId team, String projectId, @Nullable String taskId) {
        return configs.getLatest(team, configKey(projectId, taskId)).map(this::view);
    }

    @Override
    public Versioned<StoredHrmConfig> saveConfig(TeamId team, StoredHrmConfig config, @Nullable Long expectedVersion,
                                                 HrmHistoryEntry entry) {
        long version = expectedVersion == null ? 1 : expectedVersion + 1;
        HrmConfigItem item = new HrmConfigItem();
        item.setTeamId(team.value());
        item.setId(configKey(config.projectId(), config.taskId()));
        item.setVersion(expectedVersion);
        item.setConfigId(config.configId());
        item.setProjectId(config.projectId());
        item.setTaskId(config.taskId());
        item.setConfig(write(config.config()));
        item.setPresetName(config.presetName());
        item.setUpdatedAt(config.updatedAt());
        item.setUpdatedBy(config.updatedBy());
        HrmHistoryItem change = historyItem(team, entry, version);
        try {
            client.transactWriteItems(r -> r.addPutItem(configItems, item).addPutItem(historyItems, change));
        } catch (TransactionCanceledException e) {
            throw new ConflictException("The HRM config of " + (config.taskId() == null ? "project "
                    + config.projectId() : "task " + config.taskId())
                    + " was changed by another request; read it again and retry", e);
        }
        return new Versioned<>(config, version);
    }

    @Override
    public Page<HrmHistoryEntry> history(TeamId team, String configId, PageRequest page) {
        return historyPages.page(team, new PagedQuery.Slice(team.value(), HISTORY + configId + "#"), page)
                .map(this::view);
    }

    @Override
    public void deleteProject(TeamId team, String projectId) {
        for (HrmConfigItem item : configs.listPrefix(team, CONFIG + projectId, false)) {
            if (projectId.equals(item.getProjectId())) {
                history.deleteAllWithPrefix(team, HISTORY + item.getConfigId() + "#");
                configs.delete(team, item.getId());
            }
        }
    }

    @Override
    public HrmPreset createPreset(TeamId team, HrmPreset preset) {
        return view(presets.put(team, PRESET + preset.id(), null, item -> fill(item, preset)));
    }

    @Override
    public Optional<Versioned<HrmPreset>> findPreset(TeamId team, String id) {
        return presets.getLatest(team, PRESET + id).map(item -> new Versioned<>(view(item), item.getVersion()));
    }

    @Override
    public List<HrmPreset> presets(TeamId team) {
        return presets.listPrefix(team, PRESET, false).stream().map(this::view)
                .sorted(Comparator.comparing(HrmPreset::createdAt).thenComparing(HrmPreset::id))
                .toList();
    }

    @Override
    public HrmPreset updatePreset(TeamId team, HrmPreset preset, long expectedVersion) {
        return view(presets.put(team, PRESET + preset.id(), expectedVersion, item -> fill(item, preset)));
    }

    @Override
    public boolean deletePreset(TeamId team, String id) {
        return presets.delete(team, PRESET + id);
    }

    @Override
    public void countUse(TeamId team, String presetId) {
        counter.next(team, USAGE + presetId);
    }

    @Override
    public Map<String, Long> uses(TeamId team) {
        Map<String, Long> uses = new LinkedHashMap<>();
        usage.listPrefix(team, USAGE, false).forEach(item ->
                uses.put(item.getId().substring(USAGE.length()), item.getNextId()));
        return uses;
    }

    @Override
    public String name() {
        return "hrm";
    }

    @Override
    public void wipe(TeamId team) {
        configs.deleteAll(team);
    }

    static String configKey(String projectId, @Nullable String taskId) {
        return CONFIG + projectId + (taskId == null ? "" : "#task#" + taskId);
    }

    private HrmHistoryItem historyItem(TeamId team, HrmHistoryEntry entry, long version) {
        HrmHistoryItem item = new HrmHistoryItem();
        item.setTeamId(team.value());
        item.setId(HISTORY + entry.configId() + "#" + String.format("%019d", version));
        item.setEntryId(entry.id());
        item.setConfigId(entry.configId());
        item.setProjectId(entry.projectId());
        item.setTaskId(entry.taskId());
        item.setChangedAt(entry.changedAt());
        item.setChangedBy(entry.changedBy());
        item.setSource(entry.source());
        item.setPresetId(entry.presetId());
        item.setPresetName(entry.presetName());
        item.setChanges(write(entry.changes()));
        return item;
    }

    private void fill(HrmPresetItem item, HrmPreset preset) {
        item.setPresetId(preset.id());
        item.setName(preset.name());
        item.setDescription(preset.description());
        item.setIcon(preset.icon());
        item.setColor(preset.color());
        item.setVisibility(preset.visibility());
        item.setConfig(write(preset.config()));
        item.setCreatedBy(preset.createdBy());
        item.setCreatedAt(preset.createdAt());
        item.setUpdatedAt(preset.updatedAt());
    }

    private Versioned<StoredHrmConfig> view(HrmConfigItem item) {
        return new Versioned<>(new StoredHrmConfig(item.getConfigId(), item.getProjectId(), item.getTaskId(),
                read(item.getConfig(), Argument.of(HrmConfig.class)), item.getPresetName(), item.getUpdatedAt(),
                item.getUpdatedBy()), item.getVersion());
    }

    private HrmHistoryEntry view(HrmHistoryItem item) {
        return new HrmHistoryEntry(item.getEntryId(), item.getConfigId(), item.getProjectId(), item.getTaskId(),
                item.getChangedAt(), item.getChangedBy(), item.getSource(), item.getPresetId(), item.getPresetName(),
                read(item.getChanges(), CHANGES));
    }

    private HrmPreset view(HrmPresetItem item) {
        return new HrmPreset(item.getPresetId(), item.getName(), item.getDescription(), item.getIcon(),
                item.getColor(), false, item.getVisibility(), read(item.getConfig(), Argument.of(HrmConfig.class)),
                item.getCreatedBy(), item.getCreatedAt(), item.getUpdatedAt());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
