package dev.athanor.model;

/**
 * Something that keeps data of teams and can erase all of one team's (the factory's wipe). Every store of
 * team-scoped state implements it, so a wipe cannot forget one.
 */
public interface TeamData {

    /** A short name for reports and logs, e.g. {@code jobs}. */
    String name();

    /** Erases everything this store keeps for the team; safe to repeat. */
    void wipe(TeamId team);
}
