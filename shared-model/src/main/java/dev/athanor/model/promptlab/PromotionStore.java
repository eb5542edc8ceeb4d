package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * Port: a project's Git state in the prompt lab: the pull requests it opened, the production file last read from
 * its repository, and its evaluation gate. All of it goes with the project.
 */
public interface PromotionStore extends PromptProjectData {

    /** Stores a new promotion or replaces one with the same id. */
    void save(TeamId team, Promotion promotion);

    /** The project's promotions, newest first (at most the newest {@code limit}). */
    List<Promotion> list(TeamId team, long projectId, int limit);

    /** Every promotion of the team's projects (a webhook names a pull request, not a project). */
    List<Promotion> listAll(TeamId team);

    Optional<ProdSnapshot> snapshot(TeamId team, long projectId);

    void saveSnapshot(TeamId team, long projectId, ProdSnapshot snapshot);

    /** The overall evaluation score a prompt needs before it may be promoted; empty when there is no gate. */
    Optional<Double> gate(TeamId team, long projectId);

    /** Sets the gate, or removes it with {@code null}. */
    void saveGate(TeamId team, long projectId, @Nullable Double minOverallScore);
}
