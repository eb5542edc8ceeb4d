package dev.athanor.model.orchestrator;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/**
 * How the Hierarchical Reasoning Module runs a task (seed 002's HRMConfig): latent reasoning, iteration prediction,
 * agent switching, supervision checkpoints, parallel evaluation, caching, optimisation and metrics. The ranges each
 * value must fall in are checked where a config is accepted, not here, so a stored config is read back as it is.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record HrmConfig(LatentReasoning latentReasoning, MlIterationPrediction mlIterationPrediction,
                        AgentSwitching agentSwitching, DeepSupervision deepSupervision,
                        ParallelEvaluation parallelEvaluation, Caching caching,
                        BayesianOptimization bayesianOptimization, RlRefinement rlRefinement,
                        PrometheusMetrics prometheusMetrics, MultiRepo multiRepo) {

    /** {@code ml_iteration_prediction.mode}. */
    public static final List<String> MODES = List.of("auto", "manual", "fixed");
    /** {@code agent_switching.strategy}. */
    public static final List<String> STRATEGIES = List.of("cost_optimized", "quality_first", "speed_optimized",
            "adaptive", "round_robin", "manual");

    /** The config of a project or task that has none of its own: the values of seed 002's example. */
    public static final HrmConfig DEFAULTS = new HrmConfig(
            new LatentReasoning(true, 512, 3.8, false),
            new MlIterationPrediction("auto", 7, 0.80),
            new AgentSwitching("adaptive", 0.20, 5.00, 3),
            new DeepSupervision(true, List.of(0.33, 0.66, 1.00), 0.75),
            new ParallelEvaluation(true, 4, 60),
            new Caching(true, true, false, true, 500),
            new BayesianOptimization(false, 30),
            new RlRefinement(true, 0.1, 0.001),
            new PrometheusMetrics(true, 15),
            new MultiRepo(true));

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record LatentReasoning(boolean enabled, int dimensionality, double compressionRatioTarget,
                                  boolean autoAdjust) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MlIterationPrediction(String mode, int maxIterations, double confidenceThreshold) {
    }

    /** @param costCeiling USD a task may spend before switching to a cheaper agent */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AgentSwitching(String strategy, double qualityDropThreshold, double costCeiling,
                                 int maxSwitchesPerTask) {
    }

    /** @param checkpoints the fractions of a run (0-1, ascending) at which quality is checked */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DeepSupervision(boolean enabled, List<Double> checkpoints, double qualityGateThreshold) {

        public DeepSupervision {
            checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ParallelEvaluation(boolean enabled, int workerCount, int timeoutSeconds) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Caching(boolean memory, boolean disk, boolean remote, boolean aggressiveMode, int maxSizeMb) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BayesianOptimization(boolean enabled, int iterations) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RlRefinement(boolean enabled, double epsilon, double learningRate) {
    }

    /** @param exportInterval seconds between metric exports */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PrometheusMetrics(boolean enabled, int exportInterval) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MultiRepo(boolean enabled) {
    }
}
