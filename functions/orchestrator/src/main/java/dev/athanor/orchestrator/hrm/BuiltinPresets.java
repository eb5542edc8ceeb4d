package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmConfig.AgentSwitching;
import dev.athanor.model.orchestrator.HrmConfig.BayesianOptimization;
import dev.athanor.model.orchestrator.HrmConfig.Caching;
import dev.athanor.model.orchestrator.HrmConfig.DeepSupervision;
import dev.athanor.model.orchestrator.HrmConfig.LatentReasoning;
import dev.athanor.model.orchestrator.HrmConfig.MlIterationPrediction;
import dev.athanor.model.orchestrator.HrmConfig.ParallelEvaluation;
import dev.athanor.model.orchestrator.HrmPreset;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The four presets every team has (seed 002 names them; {@code balanced} is the defaults, the others are chosen here
 * by turning the defaults towards their goal). Their ids are derived from their names, so they are the same for
 * every team and every instance.
 */
final class BuiltinPresets {

    static final String BALANCED = "balanced";

    private static final HrmConfig D = HrmConfig.DEFAULTS;

    static final List<HrmPreset> ALL = List.of(
            preset(BALANCED, "Balanced performance, cost, and quality", "balance-scale", "#3b82f6", D),
            preset("cost_optimized", "Minimize cost", "piggy-bank", "#10b981", new HrmConfig(
                    new LatentReasoning(true, 256, 5.0, true),
                    new MlIterationPrediction("auto", 5, 0.75),
                    new AgentSwitching("cost_optimized", 0.25, 2.00, 2),
                    new DeepSupervision(true, List.of(0.5, 1.0), 0.70),
                    new ParallelEvaluation(true, 2, 60),
                    new Caching(true, true, false, true, 1000),
                    D.bayesianOptimization(), D.rlRefinement(), D.prometheusMetrics(), D.multiRepo())),
            preset("quality_first", "Maximize quality", "award", "#8b5cf6", new HrmConfig(
                    new LatentReasoning(true, 1024, 2.0, false),
                    new MlIterationPrediction("auto", 12, 0.90),
                    new AgentSwitching("quality_first", 0.10, 15.00, 5),
                    new DeepSupervision(true, List.of(0.25, 0.5, 0.75, 1.0), 0.85),
                    new ParallelEvaluation(true, 8, 120),
                    new Caching(true, true, false, false, 500),
                    new BayesianOptimization(true, 50), D.rlRefinement(), D.prometheusMetrics(), D.multiRepo())),
            preset("speed", "Maximize speed", "bolt", "#f59e0b", new HrmConfig(
                    new LatentReasoning(true, 256, 6.0, true),
                    new MlIterationPrediction("fixed", 3, 0.70),
                    new AgentSwitching("speed_optimized", 0.30, 5.00, 1),
                    new DeepSupervision(false, List.of(1.0), 0.70),
                    new ParallelEvaluation(true, 16, 30),
                    new Caching(true, true, false, true, 2000),
                    D.bayesianOptimization(), D.rlRefinement(), D.prometheusMetrics(), D.multiRepo())));

    private BuiltinPresets() {
    }

    /** The built-in preset with this id or name. */
    @Nullable
    static HrmPreset find(String idOrName) {
        return ALL.stream().filter(p -> p.id().equals(idOrName) || p.name().equals(idOrName)).findFirst()
                .orElse(null);
    }

    static boolean isName(String name) {
        return ALL.stream().anyMatch(p -> p.name().equalsIgnoreCase(name));
    }

    private static HrmPreset preset(String name, String description, String icon, String color, HrmConfig config) {
        String id = UUID.nameUUIDFromBytes(("athanor.hrm.preset." + name).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new HrmPreset(id, name, description, icon, color, true, HrmPreset.PUBLIC, config, null, null, null);
    }
}
