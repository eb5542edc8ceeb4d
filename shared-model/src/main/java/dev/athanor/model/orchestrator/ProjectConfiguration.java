package dev.athanor.model.orchestrator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;
import java.util.Map;

/**
 * How an orchestrator project is run (seed 002's ProjectConfiguration): five parts, each a small object. The same
 * snake_case JSON is the API's {@code config} and what the store keeps.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ProjectConfiguration(Priority priority, Timeframe timeframe, RiskTolerance riskTolerance,
                                   Deployment deployment, MlComponents mlComponents) {

    /** The configuration the document's examples show; a new project starts from it. */
    public static final ProjectConfiguration DEFAULTS = new ProjectConfiguration(
            new Priority("balanced", null),
            new Timeframe(30, "standard"),
            new RiskTolerance(50, false, true),
            new Deployment(List.of("windows"), false, false),
            new MlComponents(true, true, true, true, true));

    /** @param customWeights free-form weights per criterion, or null when none are set */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Priority(String mode, @Nullable Map<String, Object> customWeights) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Timeframe(int maxMinutes, String preset) {
    }

    /** @param level 0 (no risk) to 100 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RiskTolerance(int level, boolean allowExperimental, boolean mlFeaturesEnabled) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Deployment(List<String> targets, boolean dockerEnabled, boolean kubernetesEnabled) {

        public Deployment {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MlComponents(boolean adaptiveIterations, boolean qualityWeightLearning, boolean latentReasoning,
                               boolean agentSwitching, boolean inferenceTimeScaling) {
    }
}
