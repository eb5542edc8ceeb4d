package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.util.List;
import java.util.Optional;

/** Port: the evaluations of a team's prompt-lab projects (without their per-sample results). */
public interface EvaluationStore {

    /** Stores a new evaluation. */
    Evaluation create(TeamId team, Evaluation evaluation);

    Optional<Evaluation> find(TeamId team, long projectId, String id);

    /**
     * A page of the project's evaluations, newest first.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team and project
     */
    Page<Evaluation> list(TeamId team, long projectId, PageRequest page);

    /** The ids of every evaluation of the project (its keys alone, read to remove them with the project). */
    List<String> ids(TeamId team, long projectId);

    /** Replaces the stored evaluation of that id (the result of a finished run; repeating it is harmless). */
    Evaluation save(TeamId team, Evaluation evaluation);

    /** Removes every evaluation of the project. */
    void deleteProject(TeamId team, long projectId);
}
