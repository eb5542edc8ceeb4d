package dev.athanor.orchestrator.hrm;

import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.orchestrator.hrm.SimulationView.ImpactAnalysis;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Estimates of what an HRM config change does to cost, speed, quality and tokens, from the finished tasks the team
 * (or one project) created in the last {@link #WINDOW}: for the simulation route and for the estimate a config change
 * answers with.
 */
@Singleton
public class HrmImpacts {

    static final Duration WINDOW = Duration.ofDays(90);

    @Nullable
    private final TaskStore tasks;
    private final Clock clock;

    /** @param tasks absent in a function that does not store tasks: there is then no history */
    HrmImpacts(@Nullable TaskStore tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    SimulationView simulate(TeamId team, @Nullable String projectId, HrmConfig current, HrmConfig proposed,
                            ImpactModel.Context context) {
        ImpactModel.Estimate estimate = ImpactModel.estimate(history(team, projectId), current, proposed, context);
        ImpactAdvice.Advice advice = ImpactAdvice.of(estimate, proposed);
        return new SimulationView(estimate.analysis(), advice.recommendations(), advice.warnings());
    }

    /**
     * The change from {@code before} to {@code after} for the project's tasks as fractions (-0.28 is 28% less): cost,
     * speed (positive when faster), quality, and the share of tokens saved. Every field is null without history.
     */
    AppliedView.Impact change(TeamId team, String projectId, HrmConfig before, HrmConfig after) {
        List<TaskReplay> history = history(team, projectId);
        if (history.isEmpty()) {
            return AppliedView.Impact.NOT_ESTIMATED;
        }
        ImpactAnalysis a = ImpactModel.estimate(history, before, after, ImpactModel.Context.NONE).analysis();
        return new AppliedView.Impact(fraction(a.cost().changePercent()), fraction(a.speed().changePercent()),
                fraction(a.quality().changePercent()), fraction(-a.tokens().changePercent()));
    }

    private List<TaskReplay> history(TeamId team, @Nullable String projectId) {
        if (tasks == null) {
            return List.of();
        }
        return tasks.createdSince(team, projectId, clock.instant().minus(WINDOW)).stream()
                .map(TaskReplay::of).flatMap(Optional::stream).toList();
    }

    private static double fraction(double percent) {
        return ImpactModel.round(percent / 100, 3);
    }
}
