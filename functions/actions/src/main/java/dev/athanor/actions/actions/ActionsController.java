package dev.athanor.actions.actions;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.PathIds;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
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
import java.util.Map;
import java.util.Set;

/**
 * Actions and template management, which the API document puts on the same paths: a POST to {@code /actions} (with or
 * without the trailing slash) creates an action when its body is an action's ({@code field_name},
 * {@code prompt_template_id}) and saves template settings when it is a template's ({@code source_field},
 * {@code template}); a GET of {@code /actions/{x}} reads action x when x is an integer id and the templates of source
 * field x otherwise.
 */
@Controller("/api/v1/llm/actions")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ActionsController {

    private static final Set<String> ACTION_FIELDS = Set.of("field_name", "fieldName", "prompt_template_id",
            "promptTemplateId");
    private static final Set<String> TEMPLATE_FIELDS = Set.of("source_field", "sourceField", "template",
            "template_name", "templateName", "template_id", "templateId");

    private final ActionService actions;
    private final TemplateSettings templates;
    private final ActionRuns runs;
    private final JsonMapper json;

    ActionsController(ActionService actions, TemplateSettings templates, ActionRuns runs, JsonMapper json) {
        this.actions = actions;
        this.templates = templates;
        this.runs = runs;
        this.json = json;
    }

    @Get
    @Tag(name = "LLM Actions")
    @Operation(summary = "List the team's actions, by id, a page at a time")
    HttpResponse<List<ActionView>> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, actions.list(team(authentication), Paging.request(limit, cursor)));
    }

    @Post
    @Tag(name = "LLM Actions")
    @Tag(name = "Template Management")
    @Operation(summary = "Create an action (an action's body), or save template settings (a template's body)")
    HttpResponse<?> create(Authentication authentication, HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        TeamId team = team(authentication);
        if (isTemplateBody(fields)) {
            TemplateView saved = templates.save(team, fields);
            return HttpResponse.ok(new TemplateSaved("success", "Template settings saved successfully", saved));
        }
        return HttpResponse.created(new ActionSaved("success", actions.create(team, fields)));
    }

    @Get("/{key}")
    @Tag(name = "LLM Actions")
    @Tag(name = "Template Management")
    @Operation(summary = "Get an action (an integer id), or the template settings of a source field (any other name)")
    Object get(Authentication authentication, @PathVariable("key") String key) {
        TeamId team = team(authentication);
        if (key.matches("[0-9]+")) {
            return actions.get(team, id(key));
        }
        if (key.isBlank() || key.length() > ActionInput.MAX_NAME) {
            throw new NotFoundException("No source field '" + key + "'");
        }
        TemplateSettings.FieldTemplates found = templates.forField(team, key);
        return new FieldTemplatesView("success", found);
    }

    @Put("/{action_id}")
    @Tag(name = "LLM Actions")
    @Operation(summary = "Update an action's given fields")
    ActionSaved update(Authentication authentication, @PathVariable("action_id") String actionId,
                       HttpRequest<?> request) {
        TeamId team = team(authentication);
        return new ActionSaved("success", actions.update(team, id(actionId), RequestFields.read(json, request)));
    }

    @Delete("/{action_id}")
    @Tag(name = "LLM Actions")
    @Operation(summary = "Delete an action and its history")
    Map<String, String> delete(Authentication authentication, @PathVariable("action_id") String actionId) {
        actions.delete(team(authentication), id(actionId));
        return Map.of("status", "success");
    }

    @Get("/{action_id}/history")
    @Tag(name = "LLM Actions")
    @Operation(summary = "Get an action and its history, newest first, a page at a time")
    HttpResponse<History> history(Authentication authentication, HttpRequest<?> request,
            @PathVariable("action_id") String actionId,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        ActionService.History found = actions.history(team(authentication), id(actionId),
                Paging.request(limit, cursor));
        Page<InteractionView> page = found.rows().map(InteractionView::of);
        return Paging.withNext(HttpResponse.ok(new History(found.action(), page.items())), request, page.next());
    }

    @Post("/{action_id}/run")
    @Tag(name = "LLM Actions")
    @Operation(summary = "Run an action over an input or a post; kept in its history")
    RunView run(Authentication authentication, @PathVariable("action_id") String actionId, HttpRequest<?> request) {
        TeamPrincipal caller = TeamPrincipal.of(authentication);
        ActionRuns.Run run = runs.run(caller, id(actionId), RequestFields.read(json, request));
        InteractionView kept = InteractionView.of(run.answer().interaction());
        return new RunView("success", run.answer().text(), run.action().llmModel(), kept.duration(), kept);
    }

    /** Whether a POST body is template settings rather than an action; both kinds at once is ambiguous. */
    private static boolean isTemplateBody(RequestFields fields) {
        Set<String> names = fields.values().keySet();
        boolean action = names.stream().anyMatch(ACTION_FIELDS::contains);
        boolean template = names.stream().anyMatch(TEMPLATE_FIELDS::contains);
        if (action && template) {
            throw new InvalidInputException("A body either creates an action (field_name, prompt_template_id) or "
                    + "saves template settings (source_field, template), not both",
                    Map.of("field_name", List.of("cannot be given with source_field or template")));
        }
        return template;
    }

    private static long id(String value) {
        return PathIds.number(value, () -> new NotFoundException("Action " + value + " not found"));
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }

    @Serdeable
    record ActionSaved(String status, ActionView action) {
    }

    @Serdeable
    record TemplateSaved(String status, String message, TemplateView data) {
    }

    @Serdeable
    record FieldTemplatesView(String status, TemplateSettings.FieldTemplates data) {
    }

    @Serdeable
    record History(ActionView action, List<InteractionView> history) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record RunView(String status, String result, String model, double duration, InteractionView history) {
    }
}
