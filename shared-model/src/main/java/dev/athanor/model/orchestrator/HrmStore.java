package dev.athanor.model.orchestrator;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: a team's HRM configs (per project and per task) with their history, and its own presets. */
public interface HrmStore extends TeamData {

    /** The config stored for the project ({@code taskId} null) or for one of its tasks. */
    Optional<Versioned<StoredHrmConfig>> findConfig(TeamId team, String projectId, @Nullable String taskId);

    /**
     * Stores the config and the history entry of the change together: both or neither.
     *
     * @param expectedVersion the version read, or null when none is stored yet
     * @throws dev.athanor.model.error.ConflictException when the stored version is not {@code expectedVersion}
     */
    Versioned<StoredHrmConfig> saveConfig(TeamId team, StoredHrmConfig config, @Nullable Long expectedVersion,
                                          HrmHistoryEntry entry);

    /** A page of a config's changes, newest first; an unknown config has none. */
    Page<HrmHistoryEntry> history(TeamId team, String configId, PageRequest page);

    /**
     * Removes the configs of the project and of its tasks, and their history (when the project is deleted).
     */
    void deleteProject(TeamId team, String projectId);

    /** Stores a new preset under its id. */
    HrmPreset createPreset(TeamId team, HrmPreset preset);

    Optional<Versioned<HrmPreset>> findPreset(TeamId team, String id);

    /** Every preset of the team, oldest first. */
    List<HrmPreset> presets(TeamId team);

    /** @throws dev.athanor.model.error.ConflictException when the stored version is not {@code expectedVersion} */
    HrmPreset updatePreset(TeamId team, HrmPreset preset, long expectedVersion);

    /** Removes the preset; false when there was none. */
    boolean deletePreset(TeamId team, String id);

    /** Counts one more application of the preset (built-in or not). */
    void countUse(TeamId team, String presetId);

    /** How many times each preset was applied, by preset id; presets never applied are absent. */
    Map<String, Long> uses(TeamId team);
}
