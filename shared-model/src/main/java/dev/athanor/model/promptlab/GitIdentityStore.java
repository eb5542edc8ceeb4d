package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;

import java.util.Optional;

/** Port: each team's one Git identity (last save wins). */
public interface GitIdentityStore {

    Optional<GitIdentity> find(TeamId team);

    void save(TeamId team, GitIdentity identity);

    /** @return whether there was one */
    boolean delete(TeamId team);
}
