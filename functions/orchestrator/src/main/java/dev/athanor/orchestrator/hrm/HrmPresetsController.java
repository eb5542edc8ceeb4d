package dev.athanor.orchestrator.hrm;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** HRM presets (6.3-6.7): the built-ins and the team's own; applying one sets a project's or task's config. */
@Controller("/api/hrm/config/presets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = HrmPresets.class)
@Tag(name = "HRM")
public class HrmPresetsController {

    private final HrmPresets presets;
    private final JsonMapper json;

    HrmPresetsController(HrmPresets presets, JsonMapper json) {
        this.presets = presets;
        this.json = json;
    }

    @Get
    @Operation(summary = "The built-in presets and the team's own that the caller sees")
    List<PresetView> list(Authentication authentication) {
        return presets.list(TeamPrincipal.of(authentication));
    }

    @Post
    @Operation(summary = "Create a custom preset; its config is merged into the defaults")
    HttpResponse<PresetView> create(Authentication authentication, HttpRequest<?> request) {
        return HttpResponse.created(presets.create(TeamPrincipal.of(authentication),
                RequestFields.read(json, request)));
    }

    @Put("/{preset_id}")
    @Operation(summary = "Change a custom preset's given fields; built-ins cannot be changed (403)")
    PresetView update(Authentication authentication, @PathVariable("preset_id") String presetId,
                      HttpRequest<?> request) {
        return presets.update(TeamPrincipal.of(authentication), presetId, RequestFields.read(json, request));
    }

    @Delete("/{preset_id}")
    @Operation(summary = "Delete a custom preset; built-ins cannot be deleted (403)")
    Deleted delete(Authentication authentication, @PathVariable("preset_id") String presetId) {
        presets.delete(TeamPrincipal.of(authentication), presetId);
        return new Deleted("deleted", presetId);
    }

    @Post("/{preset_id}/apply")
    @Operation(summary = "Set a project's (or task's) HRM config from a preset, and its running tasks' when asked")
    AppliedView apply(Authentication authentication, HttpRequest<?> request,
                      @PathVariable("preset_id") String presetId,
                      @Parameter(description = "The project (required, here or in the body)")
                      @Nullable @QueryValue("project_id") String projectId,
                      @Parameter(description = "One of the project's tasks: set its config instead")
                      @Nullable @QueryValue("task_id") String taskId,
                      @Parameter(description = "Also set the configs of the project's running tasks (default false)")
                      @Nullable @QueryValue("apply_immediately") String applyImmediately) {
        return presets.apply(TeamPrincipal.of(authentication), presetId, blankAsNull(projectId),
                blankAsNull(taskId), blankAsNull(applyImmediately), RequestFields.read(json, request));
    }

    @Nullable
    private static String blankAsNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Deleted(String status, String presetId) {
    }
}
