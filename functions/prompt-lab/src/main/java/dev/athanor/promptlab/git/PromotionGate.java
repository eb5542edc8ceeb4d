package dev.athanor.promptlab.git;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import dev.athanor.model.promptlab.PromotionStore;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * A project's optional evaluation gate: with a minimum overall score set, a promotion to production is refused
 * unless the project's latest completed evaluation scored at least that (LLM-as-judge scores, 1-10).
 */
@Singleton
@Requires(beans = {PromotionStore.class, EvaluationStore.class})
public class PromotionGate {

    /** How many of the newest evaluations are looked through for the latest completed one. */
    private static final int LOOK_BACK = 25;

    private final PromotionStore store;
    private final EvaluationStore evaluations;

    PromotionGate(PromotionStore store, EvaluationStore evaluations) {
        this.store = store;
        this.evaluations = evaluations;
    }

    public Optional<Double> minimum(TeamId team, PromptProject project) {
        return store.gate(team, project.id());
    }

    public void set(TeamId team, PromptProject project, Double minOverallScore) {
        store.saveGate(team, project.id(), minOverallScore);
    }

    /** The project's newest completed evaluation with an overall score. */
    public Optional<Evaluation> latestScored(TeamId team, PromptProject project) {
        return evaluations.list(team, project.id(), PageRequest.first(LOOK_BACK)).items().stream()
                .filter(e -> Evaluation.COMPLETED.equals(e.status()) && e.aggregates() != null
                        && e.aggregates().overall() != null)
                .findFirst();
    }

    /**
     * @throws ConflictException with the reason, when the gate is set and the latest evaluation is missing or scored
     *                           below it
     */
    public void check(TeamId team, PromptProject project) {
        Optional<Double> minimum = minimum(team, project);
        if (minimum.isEmpty()) {
            return;
        }
        Optional<Evaluation> latest = latestScored(team, project);
        if (latest.isEmpty()) {
            throw new ConflictException("Promotion refused by the project's evaluation gate: it needs an overall score"
                    + " of at least " + format(minimum.get()) + " and the project has no completed evaluation");
        }
        double overall = latest.get().aggregates().overall();
        if (overall < minimum.get()) {
            throw new ConflictException("Promotion refused by the project's evaluation gate: the latest evaluation ("
                    + latest.get().id() + ") scored " + format(overall) + " overall, below the minimum of "
                    + format(minimum.get()));
        }
    }

    static String format(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }
}
