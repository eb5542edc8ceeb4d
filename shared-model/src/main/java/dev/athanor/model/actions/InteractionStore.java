package dev.athanor.model.actions;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

/** Port: every model interaction of a team on the actions surface. Ids are handed out 1, 2, 3... per team. */
public interface InteractionStore extends TeamData {

    /** Stores the interaction with the next id (the given id and time are replaced) and returns it as stored. */
    Interaction record(TeamId team, Interaction interaction);

    /**
     * A page of one action's interactions, newest first, read strongly consistent (a run is listed at once).
     *
     * @throws dev.athanor.model.error.InvalidInputException when the cursor is not one this list handed out
     */
    Page<Interaction> forAction(TeamId team, long actionId, PageRequest page);

    /**
     * A page of the team's interactions of every kind (or of {@code kind} when not null), newest first.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the cursor is not one this list handed out
     */
    Page<Interaction> list(TeamId team, String kind, PageRequest page);

    /** Removes every interaction of the action (when the action is deleted). */
    void deleteForAction(TeamId team, long actionId);
}
