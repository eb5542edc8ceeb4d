package dev.athanor.orchestrator.projects;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectConfiguration.Deployment;
import dev.athanor.model.orchestrator.ProjectConfiguration.MlComponents;
import dev.athanor.model.orchestrator.ProjectConfiguration.Priority;
import dev.athanor.model.orchestrator.ProjectConfiguration.RiskTolerance;
import dev.athanor.model.orchestrator.ProjectConfiguration.Timeframe;

import java.util.Map;
import java.util.Set;

/**
 * A project configuration merged with the parts a body gives: a part given changes only the keys it carries, a
 * part left out stays as it was. Keys are snake_case or camelCase; a key the configuration does not have, a wrong
 * type or a value out of range is reported under its path ({@code config.timeframe.max_minutes}), every problem at
 * once. {@code custom_weights} is free-form, so it is replaced whole (null clears it) rather than merged.
 */
final class ConfigInput {

    static final int MIN_RISK = 0;
    static final int MAX_RISK = 100;
    static final int MIN_MINUTES = 1;

    private ConfigInput() {
    }

    /**
     * @param given  the configuration's parts as sent (plain JSON values)
     * @param path   what problems are named under, e.g. {@code config.}; empty for a body that is the configuration
     * @param fields where problems are collected; the caller's {@link RequestFields#check} reports them
     */
    static ProjectConfiguration merge(ProjectConfiguration base, Map<String, Object> given, String path,
                                      RequestFields fields) {
        ConfigPart root = new ConfigPart(given, path, fields);
        root.rejectUnknown(Set.of("priority", "timeframe", "risk_tolerance", "deployment", "ml_components"));
        Priority priority = root.part("priority", Set.of("mode", "custom_weights"))
                .map(part -> new Priority(part.text("mode", base.priority().mode()),
                        part.object("custom_weights", base.priority().customWeights())))
                .orElse(base.priority());
        Timeframe timeframe = root.part("timeframe", Set.of("max_minutes", "preset"))
                .map(part -> new Timeframe(
                        part.integer("max_minutes", base.timeframe().maxMinutes(), MIN_MINUTES, Integer.MAX_VALUE),
                        part.text("preset", base.timeframe().preset())))
                .orElse(base.timeframe());
        RiskTolerance risk = base.riskTolerance();
        RiskTolerance riskTolerance = root.part("risk_tolerance",
                        Set.of("level", "allow_experimental", "ml_features_enabled"))
                .map(part -> new RiskTolerance(part.integer("level", risk.level(), MIN_RISK, MAX_RISK),
                        part.bool("allow_experimental", risk.allowExperimental()),
                        part.bool("ml_features_enabled", risk.mlFeaturesEnabled())))
                .orElse(risk);
        Deployment deploy = base.deployment();
        Deployment deployment = root.part("deployment", Set.of("targets", "docker_enabled", "kubernetes_enabled"))
                .map(part -> new Deployment(part.texts("targets", deploy.targets()),
                        part.bool("docker_enabled", deploy.dockerEnabled()),
                        part.bool("kubernetes_enabled", deploy.kubernetesEnabled())))
                .orElse(deploy);
        MlComponents ml = base.mlComponents();
        MlComponents mlComponents = root.part("ml_components", Set.of("adaptive_iterations",
                        "quality_weight_learning", "latent_reasoning", "agent_switching", "inference_time_scaling"))
                .map(part -> new MlComponents(part.bool("adaptive_iterations", ml.adaptiveIterations()),
                        part.bool("quality_weight_learning", ml.qualityWeightLearning()),
                        part.bool("latent_reasoning", ml.latentReasoning()),
                        part.bool("agent_switching", ml.agentSwitching()),
                        part.bool("inference_time_scaling", ml.inferenceTimeScaling())))
                .orElse(ml);
        return new ProjectConfiguration(priority, timeframe, riskTolerance, deployment, mlComponents);
    }
}
