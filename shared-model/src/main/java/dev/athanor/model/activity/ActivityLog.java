package dev.athanor.model.activity;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.util.List;

/** Port: a team's activity log, newest first. */
public interface ActivityLog {

    /** Writes the entry; an entry with the same id is replaced, not repeated. */
    void append(TeamId team, ActivityEntry entry);

    /**
     * A page of the team's entries, newest first.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team
     */
    Page<ActivityEntry> page(TeamId team, PageRequest page);

    /**
     * A page of the team's entries with this action, newest first.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team and action
     */
    Page<ActivityEntry> page(TeamId team, String action, PageRequest page);

    /** The team's newest entries, newest first, at most {@code limit} (the first page). */
    default List<ActivityEntry> recent(TeamId team, int limit) {
        return limit <= 0 ? List.of() : page(team, PageRequest.first(limit)).items();
    }

    /** The team's newest entries with this action, newest first, at most {@code limit} (the first page). */
    default List<ActivityEntry> recent(TeamId team, String action, int limit) {
        return limit <= 0 ? List.of() : page(team, action, PageRequest.first(limit)).items();
    }
}
