package dev.athanor.promptlab.history;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** A project's prompt history and backend-test history: list, save a prompt (201), rate, annotate and mark. */
@Controller("/api/projects/{project_id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = PromptHistoryService.class)
public class HistoryController {

    private final PromptHistoryService history;
    private final JsonMapper json;

    HistoryController(PromptHistoryService history, JsonMapper json) {
        this.history = history;
        this.json = json;
    }

    @Get("/history")
    @Tag(name = "History")
    @Operation(summary = "List a project's prompt history, newest first, a page at a time")
    HttpResponse<List<HistoryView>> list(Authentication authentication, @PathVariable("project_id") String projectId,
            HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, history.list(TeamPrincipal.of(authentication).team(), projectId, Kind.PROMPT,
                Paging.request(limit, cursor)).map(HistoryView::of));
    }

    @Post("/history")
    @Tag(name = "History")
    @Operation(summary = "Save a prompt to a project's history")
    HttpResponse<HistoryView> add(Authentication authentication, @PathVariable("project_id") String projectId,
                                  HttpRequest<?> request) {
        return HttpResponse.created(HistoryView.of(history.add(TeamPrincipal.of(authentication).team(), projectId,
                RequestFields.read(json, request))));
    }

    @Put("/history/{history_id}")
    @Tag(name = "History")
    @Operation(summary = "Rate, annotate or mark a saved prompt")
    HistoryView update(Authentication authentication, @PathVariable("project_id") String projectId,
                       @PathVariable("history_id") String historyId, HttpRequest<?> request) {
        return HistoryView.of(history.update(TeamPrincipal.of(authentication).team(), projectId, historyId,
                Kind.PROMPT, RequestFields.read(json, request)));
    }

    @Get("/backend-history")
    @Tag(name = "Backend Testing")
    @Operation(summary = "List a project's backend test history, newest first, a page at a time")
    HttpResponse<List<BackendHistoryView>> backendList(Authentication authentication,
            @PathVariable("project_id") String projectId, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, history.list(TeamPrincipal.of(authentication).team(), projectId, Kind.BACKEND,
                Paging.request(limit, cursor)).map(BackendHistoryView::of));
    }

    @Put("/backend-history/{history_id}")
    @Tag(name = "Backend Testing")
    @Operation(summary = "Rate, annotate or mark a backend test")
    BackendHistoryView backendUpdate(Authentication authentication, @PathVariable("project_id") String projectId,
                                     @PathVariable("history_id") String historyId, HttpRequest<?> request) {
        return BackendHistoryView.of(history.update(TeamPrincipal.of(authentication).team(), projectId, historyId,
                Kind.BACKEND, RequestFields.read(json, request)));
    }
}
