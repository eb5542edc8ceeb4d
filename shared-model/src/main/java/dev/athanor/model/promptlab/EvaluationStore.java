package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;

import java.util.List;
import java.util.Optional;

/** Port: the evaluations of a team's prompt-lab projects (without their per-sample results). */
public interface EvaluationStore {

    /** Stores a new evaluation. */
    Evaluation create(TeamId team, Evaluation evaluation);

    Optional<Evaluation> find(TeamId team, long projectId, String id);

    /** The project's evaluations, newest first. */
    List<Evaluation> list(TeamId team, long projectId);

    /** Replaces the stored evaluation of that id (the result of a finished run; repeating it is harmless). */
    Evaluation save(TeamId team, Evaluation evaluation);

    /** Removes every evaluation of the project. */
    void deleteProject(TeamId team, long projectId);
}
