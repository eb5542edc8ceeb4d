package dev.athanor.orchestrator.hrm;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.HrmConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * 6.8: the impact of a proposed HRM config compared with the current one. Both are partial configs merged into the
 * config the caller starts from (a project's when {@code project_id} is given, else the defaults) and checked like a
 * config change; a missing {@code current_config} is that config itself.
 */
@Singleton
@Requires(beans = HrmConfigs.class)
class HrmSimulations {

    static final List<String> CONTEXT_FIELDS = List.of("complexity", "estimated_duration", "current_quality");

    private final HrmConfigs configs;
    private final HrmImpacts impacts;

    HrmSimulations(HrmConfigs configs, HrmImpacts impacts) {
        this.configs = configs;
        this.impacts = impacts;
    }

    SimulationView simulate(TeamId team, RequestFields fields) {
        String projectId = fields.string("project_id");
        Map<String, Object> current = fields.object("current_config");
        Map<String, Object> proposed = fields.object("proposed_config");
        if (proposed == null && fields.node("proposed_config") == null) {
            fields.error("proposed_config", "is required");
        }
        Map<String, Object> context = fields.object("task_context");
        fields.check("simulation");
        String project = projectId == null ? null : HrmConfigs.scope(projectId, null).projectId();
        HrmConfig base = project == null ? HrmConfig.DEFAULTS : configs.projectConfig(team, project);
        HrmConfig now = current == null ? base : HrmRules.merge(base, current, fields, "current_config.");
        HrmConfig next = HrmRules.merge(base, proposed, fields, "proposed_config.");
        ImpactModel.Context task = context == null ? ImpactModel.Context.NONE : context(context, fields);
        fields.check("simulation");
        return impacts.simulate(team, project, now, next, task);
    }

    /** The task context's figures, each optional; a null counts as absent. */
    private static ImpactModel.Context context(Map<String, Object> values, RequestFields errors) {
        values.keySet().stream().filter(name -> !CONTEXT_FIELDS.contains(name))
                .forEach(name -> errors.error("task_context." + name, "is not a task context field"));
        Double complexity = number(values, "complexity", errors);
        if (complexity != null && complexity <= 0) {
            errors.error("task_context.complexity", "must be greater than 0");
        }
        Double duration = number(values, "estimated_duration", errors);
        if (duration != null && duration < 0) {
            errors.error("task_context.estimated_duration", "must be at least 0");
        }
        Double quality = number(values, "current_quality", errors);
        if (quality != null && (quality < 0 || quality > 1)) {
            errors.error("task_context.current_quality", "must be between 0.0 and 1.0");
        }
        return new ImpactModel.Context(complexity, duration, quality);
    }

    @Nullable
    private static Double number(Map<String, Object> values, String name, RequestFields errors) {
        Object value = values.get(name);
        if (value == null || value instanceof Number) {
            return value == null ? null : ((Number) value).doubleValue();
        }
        errors.error("task_context." + name, "must be a number");
        return null;
    }
}
