package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmConfig.AgentSwitching;
import dev.athanor.model.orchestrator.HrmConfig.BayesianOptimization;
import dev.athanor.model.orchestrator.HrmConfig.Caching;
import dev.athanor.model.orchestrator.HrmConfig.DeepSupervision;
import dev.athanor.model.orchestrator.HrmConfig.LatentReasoning;
import dev.athanor.model.orchestrator.HrmConfig.MlIterationPrediction;
import dev.athanor.model.orchestrator.HrmConfig.MultiRepo;
import dev.athanor.model.orchestrator.HrmConfig.ParallelEvaluation;
import dev.athanor.model.orchestrator.HrmConfig.PrometheusMetrics;
import dev.athanor.model.orchestrator.HrmConfig.RlRefinement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HRM config as the JSON values of its sections and settings (their wire names), and back. Written out rather
 * than through a JSON mapper so that the merge and the checks of {@link HrmRules} see the wire names whatever the
 * mapper's configuration. Going back expects values {@link HrmRules} has checked.
 */
final class ConfigTree {

    private ConfigTree() {
    }

    static Map<String, Object> of(HrmConfig c) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("latent_reasoning", section("enabled", c.latentReasoning().enabled(), "dimensionality",
                c.latentReasoning().dimensionality(), "compression_ratio_target",
                c.latentReasoning().compressionRatioTarget(), "auto_adjust", c.latentReasoning().autoAdjust()));
        tree.put("ml_iteration_prediction", section("mode", c.mlIterationPrediction().mode(), "max_iterations",
                c.mlIterationPrediction().maxIterations(), "confidence_threshold",
                c.mlIterationPrediction().confidenceThreshold()));
        tree.put("agent_switching", section("strategy", c.agentSwitching().strategy(), "quality_drop_threshold",
                c.agentSwitching().qualityDropThreshold(), "cost_ceiling", c.agentSwitching().costCeiling(),
                "max_switches_per_task", c.agentSwitching().maxSwitchesPerTask()));
        tree.put("deep_supervision", section("enabled", c.deepSupervision().enabled(), "checkpoints",
                c.deepSupervision().checkpoints(), "quality_gate_threshold",
                c.deepSupervision().qualityGateThreshold()));
        tree.put("parallel_evaluation", section("enabled", c.parallelEvaluation().enabled(), "worker_count",
                c.parallelEvaluation().workerCount(), "timeout_seconds", c.parallelEvaluation().timeoutSeconds()));
        tree.put("caching", section("memory", c.caching().memory(), "disk", c.caching().disk(), "remote",
                c.caching().remote(), "aggressive_mode", c.caching().aggressiveMode(), "max_size_mb",
                c.caching().maxSizeMb()));
        tree.put("bayesian_optimization", section("enabled", c.bayesianOptimization().enabled(), "iterations",
                c.bayesianOptimization().iterations()));
        tree.put("rl_refinement", section("enabled", c.rlRefinement().enabled(), "epsilon",
                c.rlRefinement().epsilon(), "learning_rate", c.rlRefinement().learningRate()));
        tree.put("prometheus_metrics", section("enabled", c.prometheusMetrics().enabled(), "export_interval",
                c.prometheusMetrics().exportInterval()));
        tree.put("multi_repo", section("enabled", c.multiRepo().enabled()));
        return tree;
    }

    static HrmConfig config(Map<String, Object> tree) {
        Map<?, ?> lr = (Map<?, ?>) tree.get("latent_reasoning");
        Map<?, ?> ml = (Map<?, ?>) tree.get("ml_iteration_prediction");
        Map<?, ?> as = (Map<?, ?>) tree.get("agent_switching");
        Map<?, ?> ds = (Map<?, ?>) tree.get("deep_supervision");
        Map<?, ?> pe = (Map<?, ?>) tree.get("parallel_evaluation");
        Map<?, ?> ca = (Map<?, ?>) tree.get("caching");
        Map<?, ?> bo = (Map<?, ?>) tree.get("bayesian_optimization");
        Map<?, ?> rl = (Map<?, ?>) tree.get("rl_refinement");
        Map<?, ?> pm = (Map<?, ?>) tree.get("prometheus_metrics");
        Map<?, ?> mr = (Map<?, ?>) tree.get("multi_repo");
        return new HrmConfig(
                new LatentReasoning(bool(lr, "enabled"), integer(lr, "dimensionality"),
                        number(lr, "compression_ratio_target"), bool(lr, "auto_adjust")),
                new MlIterationPrediction((String) ml.get("mode"), integer(ml, "max_iterations"),
                        number(ml, "confidence_threshold")),
                new AgentSwitching((String) as.get("strategy"), number(as, "quality_drop_threshold"),
                        number(as, "cost_ceiling"), integer(as, "max_switches_per_task")),
                new DeepSupervision(bool(ds, "enabled"), ((List<?>) ds.get("checkpoints")).stream()
                        .map(v -> ((Number) v).doubleValue()).toList(), number(ds, "quality_gate_threshold")),
                new ParallelEvaluation(bool(pe, "enabled"), integer(pe, "worker_count"),
                        integer(pe, "timeout_seconds")),
                new Caching(bool(ca, "memory"), bool(ca, "disk"), bool(ca, "remote"), bool(ca, "aggressive_mode"),
                        integer(ca, "max_size_mb")),
                new BayesianOptimization(bool(bo, "enabled"), integer(bo, "iterations")),
                new RlRefinement(bool(rl, "enabled"), number(rl, "epsilon"), number(rl, "learning_rate")),
                new PrometheusMetrics(bool(pm, "enabled"), integer(pm, "export_interval")),
                new MultiRepo(bool(mr, "enabled")));
    }

    private static Map<String, Object> section(Object... namesAndValues) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            section.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return section;
    }

    private static boolean bool(Map<?, ?> section, String name) {
        return (Boolean) section.get(name);
    }

    private static int integer(Map<?, ?> section, String name) {
        return ((Number) section.get(name)).intValue();
    }

    private static double number(Map<?, ?> section, String name) {
        return ((Number) section.get(name)).doubleValue();
    }
}
