package dev.athanor.orchestrator.hrm;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.page.Page;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The HRM config of a project or one of its tasks (6.1, 6.2) and the history of a stored config (6.9), for the
 * caller's team.
 */
@Controller("/api/hrm/config")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = HrmConfigs.class)
@Tag(name = "HRM")
public class HrmConfigController {

    private final HrmConfigs configs;
    private final JsonMapper json;

    HrmConfigController(HrmConfigs configs, JsonMapper json) {
        this.configs = configs;
        this.json = json;
    }

    @Post
    @Operation(summary = "Change the HRM config of a project or task: the settings given are merged into it")
    AppliedView update(Authentication authentication, HttpRequest<?> request) {
        return configs.update(TeamPrincipal.of(authentication), RequestFields.read(json, request));
    }

    @Get
    @Operation(summary = "The HRM config a project or task runs with: its own, else its project's, else the defaults")
    ConfigView get(Authentication authentication,
                   @Parameter(description = "The project (required)") @Nullable @QueryValue("project_id")
                   String projectId,
                   @Parameter(description = "One of the project's tasks") @Nullable @QueryValue("task_id")
                   String taskId) {
        if (projectId == null || projectId.isEmpty()) {
            throw new InvalidInputException("project_id is required", Map.of("project_id", List.of("is required")));
        }
        return configs.view(TeamPrincipal.of(authentication).team(),
                HrmConfigs.scope(projectId, taskId == null || taskId.isEmpty() ? null : taskId));
    }

    @Get("/history/{config_id}")
    @Operation(summary = "The changes of a stored HRM config, newest first, a page at a time")
    HttpResponse<List<HistoryEntryView>> history(Authentication authentication, HttpRequest<?> request,
            @PathVariable("config_id") String configId,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        Page<HistoryEntryView> page = configs.history(TeamPrincipal.of(authentication).team(), configId,
                Paging.request(limit, cursor)).map(HistoryEntryView::of);
        return Paging.ok(request, page);
    }
}
