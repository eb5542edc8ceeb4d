package dev.athanor.orchestrator.tasks;

import dev.athanor.orchestrator.execution.TaskRuns;
import java.util.List;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.PathIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
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
    private final TaskRuns runs;

    TasksController(Tasks tasks, TaskRuns runs) {
        this.tasks = tasks;
        this.runs = runs;
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

    @Post("/{task_id}/retry")
    @Operation(summary = "Run a failed task again, as a new run that keeps the earlier runs' iterations")
    TaskView retry(Authentication authentication, @PathVariable("task_id") String taskId) {
        String id = PathIds.key(taskId, Tasks::notFound);
        return TaskView.of(runs.retry(TeamPrincipal.of(authentication).team(), id));
    }

    @Post("/{task_id}/cancel")
    @Operation(summary = "Cancel a task: it stops before its next step and ends as failed (409 when it has ended)")
    TaskView cancel(Authentication authentication, @PathVariable("task_id") String taskId) {
        String id = PathIds.key(taskId, Tasks::notFound);
        TeamPrincipal caller = TeamPrincipal.of(authentication);
        return TaskView.of(runs.cancel(caller.team(), id, caller.subject()));
    }

    @Get("/{task_id}/iterations")
    @Operation(summary = "Every iteration of every run of a task, oldest first, each with what the agent produced")
    List<IterationView> iterations(Authentication authentication, @PathVariable("task_id") String taskId) {
        String id = PathIds.key(taskId, Tasks::notFound);
        return tasks.iterations(TeamPrincipal.of(authentication).team(), id);
    }
}
