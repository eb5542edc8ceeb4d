package dev.athanor.model.orchestrator;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/** Port: the index of a team's agent configuration files (their content is stored elsewhere), one per path. */
public interface AgentFileStore extends TeamData {

    /**
     * Records a new file.
     *
     * @throws dev.athanor.model.error.ConflictException when the team has a file at that path
     */
    Versioned<AgentFile> create(TeamId team, AgentFile file);

    Optional<Versioned<AgentFile>> find(TeamId team, String path);

    /**
     * Replaces the file's entry.
     *
     * @throws dev.athanor.model.error.ConflictException when it is no longer at {@code expectedVersion}
     */
    Versioned<AgentFile> update(TeamId team, AgentFile file, long expectedVersion);

    /**
     * Removes the entry stored at {@code expectedVersion}.
     *
     * @throws dev.athanor.model.error.ConflictException when it changed or went since it was read
     */
    void delete(TeamId team, String path, long expectedVersion);

    /** A page of the team's files by path, of one type when {@code type} is given. */
    Page<AgentFile> list(TeamId team, @Nullable AgentFileType type, PageRequest page);
}
