package dev.athanor.orchestrator.hrm;

import dev.athanor.core.http.PathIds;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmHistoryEntry;
import dev.athanor.model.orchestrator.HrmPreset;
import dev.athanor.model.orchestrator.HrmStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * HRM presets: the built-ins, which cannot be changed or deleted (403), and the team's own. A {@code private}
 * preset is seen (and changed) by its creator alone, a {@code shared} or {@code public} one by the whole team;
 * presets never cross teams. A custom preset's config starts from the defaults and changes are merged into it.
 */
@Singleton
@Requires(beans = HrmStore.class)
class HrmPresets {

    static final List<String> VISIBILITIES = List.of(HrmPreset.PRIVATE, HrmPreset.SHARED, HrmPreset.PUBLIC);
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_ICON = 50;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final HrmStore store;
    private final HrmConfigs configs;
    private final Clock clock;

    HrmPresets(HrmStore store, HrmConfigs configs, Clock clock) {
        this.store = store;
        this.configs = configs;
        this.clock = clock;
    }

    /** The built-ins in the document's order, then the team's own that the caller sees, oldest first. */
    List<PresetView> list(TeamPrincipal caller) {
        Map<String, Long> uses = store.uses(caller.team());
        List<PresetView> views = new ArrayList<>();
        BuiltinPresets.ALL.forEach(p -> views.add(PresetView.of(p, uses.getOrDefault(p.id(), 0L))));
        store.presets(caller.team()).stream().filter(p -> visible(p, caller))
                .forEach(p -> views.add(PresetView.of(p, uses.getOrDefault(p.id(), 0L))));
        return views;
    }

    PresetView create(TeamPrincipal caller, RequestFields fields) {
        Instant now = now();
        HrmPreset preset = read(fields, null, UUID.randomUUID().toString(), caller.subject(), now, now);
        return PresetView.of(store.createPreset(caller.team(), preset), 0);
    }

    /** Only the fields given change; {@code config} is merged into the preset's. */
    PresetView update(TeamPrincipal caller, String id, RequestFields fields) {
        protect(id, "changed");
        Versioned<HrmPreset> current = custom(caller, id);
        HrmPreset old = current.value();
        HrmPreset next = read(fields, old, old.id(), old.createdBy(), old.createdAt(), now());
        HrmPreset saved = store.updatePreset(caller.team(), next, current.version());
        return PresetView.of(saved, store.uses(caller.team()).getOrDefault(saved.id(), 0L));
    }

    void delete(TeamPrincipal caller, String id) {
        protect(id, "deleted");
        store.deletePreset(caller.team(), custom(caller, id).value().id());
    }

    /**
     * 6.7: the preset's config becomes the project's (or, with a task id, the task's). The parameters come from the
     * query, as the document has them, or else from a JSON body.
     */
    AppliedView apply(TeamPrincipal caller, String id, @Nullable String projectId, @Nullable String taskId,
                      @Nullable String immediately, RequestFields body) {
        String project = projectId != null ? projectId : body.string("project_id");
        String task = taskId != null ? taskId : body.string("task_id");
        Boolean now = immediately != null ? bool(immediately, body) : body.bool("apply_immediately");
        if (project == null && body.valid()) {
            body.error("project_id", "is required");
        }
        body.check("preset application");
        HrmPreset preset = find(caller, id);
        AppliedView applied = configs.apply(caller, HrmConfigs.scope(project, task), current -> preset.config(),
                new HrmConfigs.Source(HrmHistoryEntry.PRESET, preset.id(), preset.name()),
                now != null && now, true);
        store.countUse(caller.team(), preset.id());
        return applied;
    }

    /** A built-in (by id or name) or a custom preset the caller sees. */
    private HrmPreset find(TeamPrincipal caller, String id) {
        HrmPreset builtin = BuiltinPresets.find(id);
        return builtin != null ? builtin : custom(caller, id).value();
    }

    private Versioned<HrmPreset> custom(TeamPrincipal caller, String id) {
        String uuid = PathIds.uuid(id, HrmPresets::notFound);
        return store.findPreset(caller.team(), uuid).filter(p -> visible(p.value(), caller))
                .orElseThrow(HrmPresets::notFound);
    }

    private static void protect(String id, String what) {
        if (BuiltinPresets.find(id) != null) {
            throw new ForbiddenException("Built-in presets cannot be " + what);
        }
    }

    private static boolean visible(HrmPreset preset, TeamPrincipal caller) {
        return !HrmPreset.PRIVATE.equals(preset.visibility()) || caller.subject().equals(preset.createdBy());
    }

    private HrmPreset read(RequestFields fields, @Nullable HrmPreset current, String id, String createdBy,
                           Instant createdAt, Instant updatedAt) {
        String name = text(fields, "name", current == null ? null : current.name(), MAX_NAME);
        if (name == null && current == null && !fields.has("name")) {
            fields.error("name", "is required");
        } else if (fields.has("name") && name != null && BuiltinPresets.isName(name)) {
            fields.error("name", "is the name of a built-in preset");
        }
        // a description may be cleared with null; the other texts may not
        String description = !fields.has("description") ? current == null ? null : current.description()
                : fields.node("description") == null ? null : text(fields, "description", null, MAX_DESCRIPTION);
        String icon = text(fields, "icon", current == null ? "custom" : current.icon(), MAX_ICON);
        String color = text(fields, "color", current == null ? "#6b7280" : current.color(), 7);
        if (fields.has("color") && color != null && !COLOR.matcher(color).matches()) {
            fields.error("color", "must be a colour like #10b981");
        }
        String visibility = text(fields, "visibility", current == null ? HrmPreset.PRIVATE : current.visibility(),
                MAX_NAME);
        if (visibility != null && !VISIBILITIES.contains(visibility)) {
            fields.error("visibility", "must be one of " + String.join(", ", VISIBILITIES));
        }
        HrmConfig config = current == null ? HrmConfig.DEFAULTS : current.config();
        if (fields.has("config")) {
            Map<String, Object> changes = fields.object("config");
            if (changes == null && fields.node("config") == null) {
                fields.error("config", "must be an object");
            } else if (changes != null) {
                config = HrmRules.merge(config, changes, fields);
            }
        }
        fields.check("preset");
        return new HrmPreset(id, name, description, icon, color, false, visibility, config, createdBy, createdAt,
                updatedAt);
    }

    /** A text field: {@code current} when absent; when given, not blank and at most {@code max} characters. */
    @Nullable
    private static String text(RequestFields fields, String name, @Nullable String current, int max) {
        if (!fields.has(name)) {
            return current;
        }
        String value = fields.string(name);
        if (value == null || value.isBlank()) {
            if (fields.node(name) == null || value != null) {
                fields.error(name, "must not be empty");
            }
            return current;
        }
        if (value.strip().length() > max) {
            fields.error(name, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    @Nullable
    private static Boolean bool(String value, RequestFields errors) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.error("apply_immediately", "must be true or false");
                yield null;
            }
        };
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Preset not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
