package dev.athanor.orchestrator.tasks;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.PathIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's team's tasks: a numbered page of them, newest first, of one project and/or status; and one task.
 * Query parameters are read as text, so a bad one is a 422 naming it rather than the framework's 400.
 */
@Controller("/api/tasks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Tasks")
public class TasksController {

    private final Tasks tasks;

    TasksController(Tasks tasks) {
        this.tasks = tasks;
    }

    @Get
    @Operation(summary = "List the team's tasks, newest first, a numbered page at a time")
    TaskPageView list(Authentication authentication,
            @Parameter(description = "Only this project's tasks") @Nullable @QueryValue("project_id")
            String projectId,
            @Parameter(description = "Only tasks in this status: pending, in_progress, completed or failed")
            @Nullable @QueryValue String status,
            @Parameter(description = "Page number, from 1 (default 1)") @Nullable @QueryValue String page,
            @Parameter(description = "Tasks per page, 1-" + TaskQuery.MAX_PAGE_SIZE + " (default "
                    + TaskQuery.DEFAULT_PAGE_SIZE + ")") @Nullable @QueryValue("page_size") String pageSize) {
        TaskQuery query = TaskQuery.of(projectId, status, page, pageSize);
        return TaskPageView.of(tasks.list(TeamPrincipal.of(authentication).team(), query));
    }

    @Get("/{task_id}")
    @Operation(summary = "Get a task")
    TaskView get(Authentication authentication, @PathVariable("task_id") String taskId) {
        String id = PathIds.key(taskId, Tasks::notFound);
        return TaskView.of(tasks.get(TeamPrincipal.of(authentication).team(), id));
    }
}
