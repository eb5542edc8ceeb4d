package dev.athanor.factory.observability;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The caller's team's activity, each a page at a time ({@link Paging}, {@code limit} 1-500 here):
 * {@code GET /api/agents} (the log, newest first, 50 by default), {@code GET /api/permissions} (refused calls,
 * newest first, 100 by default) and {@code GET /api/tasks} (call counts and the newest entries as {@code logs}, 20
 * by default).
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
    @Operation(summary = "Agent activity log, newest first, a page at a time")
    HttpResponse<List<ActivityView>> agents(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = "Entries per page, 1-500 (default 50)") @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, activity.recent(TeamPrincipal.of(authentication).team(),
                Paging.request(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    @Get("/permissions")
    @Operation(summary = "Refused calls, newest first, a page at a time")
    HttpResponse<List<ActivityView>> permissions(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = "Entries per page, 1-500 (default 100)") @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, activity.permissionDenials(TeamPrincipal.of(authentication).team(),
                Paging.request(limit, cursor, FactoryActivity.PERMISSION_ENTRIES, MAX_LIMIT)));
    }

    @Get("/tasks")
    @Operation(summary = "Call counts and the newest activity entries, a page at a time")
    HttpResponse<TaskSummary> tasks(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = "Entries per page of logs, 1-500 (default 20)") @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        TeamId team = TeamPrincipal.of(authentication).team();
        Page<ActivityView> logs = activity.recent(team,
                Paging.request(limit, cursor, FactoryActivity.TASK_LOG_ENTRIES, MAX_LIMIT));
        return Paging.withNext(HttpResponse.ok(activity.tasks(team, logs.items())), request, logs.next());
    }
}
