package dev.athanor.model.activity;

import dev.athanor.model.TeamId;

import java.util.List;

/** Port: a team's activity log, newest first. */
public interface ActivityLog {

    /** Writes the entry; an entry with the same id is replaced, not repeated. */
    void append(TeamId team, ActivityEntry entry);

    /** The team's newest entries, newest first, at most {@code limit}. */
    List<ActivityEntry> recent(TeamId team, int limit);

    /** The team's newest entries with this action, newest first, at most {@code limit}. */
    List<ActivityEntry> recent(TeamId team, String action, int limit);
}
