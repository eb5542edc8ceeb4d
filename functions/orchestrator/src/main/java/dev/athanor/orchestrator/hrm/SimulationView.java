package dev.athanor.orchestrator.hrm;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** The answer to an impact simulation (6.8): each figure now and under the proposed config, and advice. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record SimulationView(ImpactAnalysis impactAnalysis, List<String> recommendations, List<String> warnings) {

    /**
     * @param cost    USD per task
     * @param speed   seconds per task; its {@code change_percent} is positive when tasks get faster
     * @param quality the quality a task finishes with, 0-1
     * @param tokens  tokens per task
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ImpactAnalysis(Metric cost, Metric speed, Metric quality, Metric tokens) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Metric(double current, double predicted, double changePercent, double confidence) {
    }
}
