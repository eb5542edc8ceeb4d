package dev.athanor.factory.hitl;

import dev.athanor.core.http.PathIds;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.hitl.ExperienceStore;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * People's decisions: approval checkpoints of jobs and lessons agents proposed. Everything is looked up within the
 * caller's team, so another team's item is simply not found (404), as is an id no item can have. A checkpoint is
 * marked decided first (a conditional write, so of two people deciding at once one gets 409), then its execution
 * goes on.
 */
@Singleton
public class HitlService {

    private final CheckpointStore checkpoints;
    private final ExperienceStore experiences;
    private final PipelineEngine engine;
    private final Clock clock;

    HitlService(CheckpointStore checkpoints, ExperienceStore experiences, PipelineEngine engine, Clock clock) {
        this.checkpoints = checkpoints;
        this.experiences = experiences;
        this.engine = engine;
        this.clock = clock;
    }

    public List<Checkpoint> checkpoints(TeamId team) {
        return checkpoints.list(team);
    }

    public List<Experience> experiences(TeamId team) {
        return experiences.list(team);
    }

    public Checkpoint decideCheckpoint(TeamId team, String id, boolean approve, String by, String reason) {
        Checkpoint checkpoint = checkpoints.find(team, PathIds.key(id, () -> noCheckpoint(id)))
                .orElseThrow(() -> noCheckpoint(id));
        requirePending(checkpoint.status(), id);
        // the execution's commit decides (of two racing decisions one wins there); the checkpoint then records it
        engine.decide(team, checkpoint.execution(), checkpoint.token(), approve, by, reason);
        return checkpoints.save(team, checkpoint.decided(approve, by, reason, clock.instant()));
    }

    public Experience decideExperience(TeamId team, String id, boolean approve, String by, String reason) {
        Experience experience = experiences.find(team, PathIds.key(id, () -> noExperience(id)))
                .orElseThrow(() -> noExperience(id));
        requirePending(experience.status(), id);
        return experiences.save(team, experience.decided(approve, by, reason, clock.instant()));
    }

    /** Finds {@code id} among checkpoints, then experiences, and decides it. */
    public Object decideAny(TeamId team, String id, boolean approve, String by, String reason) {
        // an id found in neither ends as "No experience", so a malformed one does too
        Optional<Checkpoint> checkpoint = checkpoints.find(team, PathIds.key(id, () -> noExperience(id)));
        if (checkpoint.isPresent()) {
            return decideCheckpoint(team, id, approve, by, reason);
        }
        return decideExperience(team, id, approve, by, reason);
    }

    private static NotFoundException noCheckpoint(String id) {
        return new NotFoundException("No checkpoint '" + id + "'");
    }

    private static NotFoundException noExperience(String id) {
        return new NotFoundException("No experience '" + id + "'");
    }

    private static void requirePending(String status, String id) {
        if (!Checkpoint.PENDING.equals(status)) {
            throw new ConflictException("'" + id + "' was already " + status);
        }
    }
}
