package dev.athanor.factory.hitl;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.model.TeamId;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.page.Page;
import dev.athanor.model.pipeline.Checkpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Seed 003's HITL endpoints: experiences, checkpoints, and the unified queue of both. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class HitlController {

    @Serdeable
    record CheckpointResponse(String type, String id, String action, String status, @JsonProperty("job_slug") String jobSlug,
                              String phase, @JsonProperty("created_at") Instant createdAt,
                              @JsonProperty("decided_at") Instant decidedAt, @JsonProperty("decided_by") String decidedBy,
                              String reason) {
        static CheckpointResponse of(Checkpoint c) {
            return new CheckpointResponse("checkpoint", c.id(), c.action(), c.status(), c.subject(), c.state(),
                    c.createdAt(), c.decidedAt(), c.decidedBy(), c.reason());
        }
    }

    @Serdeable
    record ExperienceResponse(String type, String id, String content, String status, @JsonProperty("job_slug") String jobSlug,
                              String agent, @JsonProperty("created_at") Instant createdAt,
                              @JsonProperty("decided_at") Instant decidedAt, @JsonProperty("decided_by") String decidedBy,
                              String reason) {
        static ExperienceResponse of(Experience e) {
            return new ExperienceResponse("experience", e.id(), e.content(), e.status(), e.source(), e.agent(),
                    e.createdAt(), e.decidedAt(), e.decidedBy(), e.reason());
        }
    }

    @Serdeable
    record Queue(List<Object> pending, Map<String, Long> counts) {
    }

    private final HitlService hitl;

    HitlController(HitlService hitl) {
        this.hitl = hitl;
    }

    @Get("/experiences")
    @Tag(name = "HITL (Human-in-the-Loop)")
    @Operation(summary = "List the team's experiences, newest first, a page at a time")
    HttpResponse<List<ExperienceResponse>> experiences(Authentication auth, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, hitl.experiences(team(auth), Paging.request(limit, cursor))
                .map(ExperienceResponse::of));
    }

    @Post("/experiences/{id}/approve")
    @Tag(name = "HITL (Human-in-the-Loop)")
    @Operation(summary = "Approve an experience")
    ExperienceResponse approveExperience(Authentication auth, String id) {
        return ExperienceResponse.of(hitl.decideExperience(team(auth), id, true, auth.getName(), null));
    }

    @Post("/experiences/{id}/reject")
    @Tag(name = "HITL (Human-in-the-Loop)")
    @Operation(summary = "Reject an experience")
    ExperienceResponse rejectExperience(Authentication auth, String id, @Nullable @QueryValue String reason) {
        return ExperienceResponse.of(hitl.decideExperience(team(auth), id, false, auth.getName(), reason));
    }

    @Get("/checkpoints")
    @Tag(name = "HITL (Human-in-the-Loop)")
    @Operation(summary = "List the team's checkpoints, newest first, a page at a time")
    HttpResponse<List<CheckpointResponse>> checkpoints(Authentication auth, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, hitl.checkpoints(team(auth), Paging.request(limit, cursor))
                .map(CheckpointResponse::of));
    }

    @Post("/checkpoints/{id}/approve")
    @Tag(name = "HITL (Human-in-the-Loop)")
    @Operation(summary = "Approve a checkpoint")
    CheckpointResponse approveCheckpoint(Authentication auth, String id) {
        return CheckpointResponse.of(hitl.decideCheckpoint(team(auth), id, true, auth.getName(), null));
    }

    @Post("/checkpoints/{id}/reject")
    @Tag(name = "HITL (Human-in-the-Loop)")
    @Operation(summary = "Reject a checkpoint")
    CheckpointResponse rejectCheckpoint(Authentication auth, String id, @Nullable @QueryValue String reason) {
        return CheckpointResponse.of(hitl.decideCheckpoint(team(auth), id, false, auth.getName(), reason));
    }

    @Get("/hitl/queue")
    @Tag(name = "HITL (Unified Queue)")
    @Operation(summary = "Pending experiences and checkpoints in one queue, a page at a time")
    HttpResponse<Queue> queue(Authentication auth, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        TeamId team = team(auth);
        Page<Object> pending = hitl.pending(team, Paging.request(limit, cursor)).map(HitlController::response);
        Map<String, Long> counts = Map.of("experiences", hitl.pendingExperiences(team),
                "checkpoints", hitl.pendingCheckpoints(team));
        return Paging.withNext(HttpResponse.ok(new Queue(pending.items(), counts)), request, pending.next());
    }

    @Post("/hitl/{id}/approve")
    @Tag(name = "HITL (Unified Queue)")
    @Operation(summary = "Approve a pending experience or checkpoint")
    Object approve(Authentication auth, String id) {
        return response(hitl.decideAny(team(auth), id, true, auth.getName(), null));
    }

    @Post("/hitl/{id}/reject")
    @Tag(name = "HITL (Unified Queue)")
    @Operation(summary = "Reject a pending experience or checkpoint")
    Object reject(Authentication auth, String id, @Nullable @QueryValue String reason) {
        return response(hitl.decideAny(team(auth), id, false, auth.getName(), reason));
    }

    private static Object response(Object decided) {
        return decided instanceof Checkpoint c ? CheckpointResponse.of(c) : ExperienceResponse.of((Experience) decided);
    }

    private static TeamId team(Authentication auth) {
        return TeamPrincipal.of(auth).team();
    }
}
