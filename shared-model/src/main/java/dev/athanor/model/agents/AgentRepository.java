package dev.athanor.model.agents;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;

import java.util.List;
import java.util.Optional;

/** Port: the agent overrides of a team, each stored with a version so racing changes cannot overwrite each other. */
public interface AgentRepository {

    Optional<Versioned<AgentOverride>> find(TeamId team, String agentId);

    /** Every override the team has, in agent id order. */
    List<Versioned<AgentOverride>> list(TeamId team);

    /**
     * Stores the override. {@code expectedVersion} is the version the caller read, or {@code null} to create it.
     *
     * @throws ConflictException when the stored version is not {@code expectedVersion} (or, on create, when one
     *                           already exists)
     */
    Versioned<AgentOverride> save(TeamId team, AgentOverride override, Long expectedVersion);
}
