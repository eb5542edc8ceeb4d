package dev.athanor.promptlab.eval;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.PathIds;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLM-as-judge evaluations of a project's prompt ({@code POST /eval} starts one and answers at once with its id;
 * the prompt lab's worker runs it) and the datasets they name (built-in, or uploaded by the team as JSONL or CSV).
 */
@Controller("/api/projects/{projectId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = {PromptEvaluations.class, PromptProjects.class})
@Tag(name = "Evaluation")
class EvalController {

    private final PromptEvaluations evaluations;
    private final EvalDatasets datasets;
    private final PromptProjects projects;
    private final JsonMapper json;

    EvalController(PromptEvaluations evaluations, EvalDatasets datasets, PromptProjects projects, JsonMapper json) {
        this.evaluations = evaluations;
        this.datasets = datasets;
        this.projects = projects;
        this.json = json;
    }

    @Post("/eval")
    @Operation(summary = "Start an LLM-as-judge evaluation of a project's prompt over a dataset")
    HttpResponse<EvaluationView> start(Authentication auth, String projectId, HttpRequest<?> request) {
        TeamId team = TeamPrincipal.of(auth).team();
        PromptProject project = projects.get(team, projectId);
        EvalRequest eval = EvalRequests.read(RequestFields.read(json, request));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(EvaluationView.of(evaluations.start(team, project, eval)));
    }

    @Get("/eval/{evalId}")
    @Operation(summary = "Get an evaluation with its scores")
    EvaluationView get(Authentication auth, String projectId, String evalId) {
        TeamId team = TeamPrincipal.of(auth).team();
        PromptProject project = projects.get(team, projectId);
        return evaluations.find(team, project.id(), PathIds.key(evalId, EvalController::evaluationNotFound))
                .map(EvaluationView::of).orElseThrow(EvalController::evaluationNotFound);
    }

    @Get("/evals")
    @Operation(summary = "List a project's evaluations, newest first, a page at a time")
    HttpResponse<List<EvaluationView>> list(Authentication auth, String projectId, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        TeamId team = TeamPrincipal.of(auth).team();
        PageRequest page = Paging.request(limit, cursor);
        PromptProject project = projects.get(team, projectId);
        return Paging.ok(request, evaluations.list(team, project.id(), page).map(EvaluationView::of));
    }

    /** Stores a team dataset from a raw JSONL body, or CSV when the content type says {@code text/csv}. */
    @Post("/datasets/{name}")
    @Consumes({"application/x-ndjson", "application/jsonl", "application/json", "text/csv", "text/plain",
            "application/octet-stream"})
    @Operation(summary = "Upload a team dataset (JSONL, or CSV)")
    HttpResponse<Map<String, Object>> upload(Authentication auth, String projectId, String name,
                                             @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                             @Nullable @Body byte[] body) {
        TeamId team = TeamPrincipal.of(auth).team();
        projects.get(team, projectId);
        String format = DatasetParser.formatOf(contentType);
        int samples = datasets.upload(team, name, body, format);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        result.put("source", "team");
        result.put("format", format);
        result.put("samples", samples);
        return HttpResponse.created(result);
    }

    @Get("/datasets")
    @Operation(summary = "List the datasets an evaluation can name")
    List<EvalDatasets.DatasetInfo> datasets(Authentication auth, String projectId) {
        TeamId team = TeamPrincipal.of(auth).team();
        projects.get(team, projectId);
        return datasets.list(team);
    }

    private static NotFoundException evaluationNotFound() {
        return new NotFoundException("Evaluation not found");
    }
}
