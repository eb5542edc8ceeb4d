package dev.athanor.factory.hitl;

import dev.athanor.core.http.PathIds;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.hitl.ExperienceStore;
import dev.athanor.model.page.InvalidCursorException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
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

    private static final String EXPERIENCES_AT = "e.";
    private static final String CHECKPOINTS_AT = "c.";
    private static final String CHECKPOINTS_START = "c";

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

    /** A page of the team's checkpoints, newest first. */
    public Page<Checkpoint> checkpoints(TeamId team, PageRequest page) {
        return checkpoints.list(team, null, page);
    }

    /** A page of the team's lessons, newest first. */
    public Page<Experience> experiences(TeamId team, PageRequest page) {
        return experiences.list(team, null, page);
    }

    /**
     * A page of what waits for a decision: the pending lessons, newest first, then the pending checkpoints, newest
     * first. Its cursor says which of the two it is in ({@code e.}, {@code c.} and that list's cursor, or {@code c}
     * for the start of the checkpoints).
     */
    public Page<Object> pending(TeamId team, PageRequest page) {
        String cursor = page.cursor();
        List<Object> items = new ArrayList<>();
        String inCheckpoints = null;
        if (cursor != null && (cursor.equals(CHECKPOINTS_START) || cursor.startsWith(CHECKPOINTS_AT))) {
            inCheckpoints = cursor.equals(CHECKPOINTS_START) ? "" : cursor.substring(CHECKPOINTS_AT.length());
        } else if (cursor != null && !cursor.startsWith(EXPERIENCES_AT)) {
            throw new InvalidCursorException();
        }
        if (inCheckpoints == null) {
            Page<Experience> lessons = experiences.list(team, Experience.PENDING, new PageRequest(page.limit(),
                    cursor == null ? null : cursor.substring(EXPERIENCES_AT.length())));
            items.addAll(lessons.items());
            if (lessons.hasNext()) {
                return new Page<>(items, EXPERIENCES_AT + lessons.next());
            }
            inCheckpoints = "";
        }
        int room = page.limit() - items.size();
        if (room == 0) {
            // the page is full: a next page only when a checkpoint waits too
            boolean more = !checkpoints.list(team, Checkpoint.PENDING, PageRequest.first(1)).items().isEmpty();
            return new Page<>(items, more ? CHECKPOINTS_START : null);
        }
        Page<Checkpoint> waiting = checkpoints.list(team, Checkpoint.PENDING,
                new PageRequest(room, inCheckpoints.isEmpty() ? null : inCheckpoints));
        items.addAll(waiting.items());
        return new Page<>(items, waiting.hasNext() ? CHECKPOINTS_AT + waiting.next() : null);
    }

    /** How many lessons and checkpoints wait for a decision. */
    public long pendingExperiences(TeamId team) {
        return experiences.count(team, Experience.PENDING);
    }

    public long pendingCheckpoints(TeamId team) {
        return checkpoints.count(team, Checkpoint.PENDING);
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
