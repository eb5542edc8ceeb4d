package dev.athanor.factory.observability;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The caller's team's activity: {@code GET /api/agents} (the log, newest first, {@code limit} 1-500, default 50),
 * {@code GET /api/permissions} (the 100 newest refused calls) and {@code GET /api/tasks} (call counts and the 20
 * newest entries).
 */
@Requires(beans = FactoryActivity.class)
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Observability")
public class ActivityController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final FactoryActivity activity;

    ActivityController(FactoryActivity activity) {
        this.activity = activity;
    }

    @Get("/agents")
    @Operation(summary = "Agent activity log, newest first")
    List<ActivityView> agents(Authentication authentication, @Nullable @QueryValue String limit) {
        int count = QueryNumbers.between("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return activity.recent(TeamPrincipal.of(authentication).team(), count);
    }

    @Get("/permissions")
    @Operation(summary = "The 100 newest refused calls")
    List<ActivityView> permissions(Authentication authentication) {
        return activity.permissionDenials(TeamPrincipal.of(authentication).team());
    }

    @Get("/tasks")
    @Operation(summary = "Call counts and the 20 newest activity entries")
    TaskSummary tasks(Authentication authentication) {
        return activity.tasks(TeamPrincipal.of(authentication).team());
    }
}
