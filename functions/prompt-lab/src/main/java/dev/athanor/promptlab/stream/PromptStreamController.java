package dev.athanor.promptlab.stream;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

/**
 * {@code POST /api/projects/{project_id}/generate} and {@code .../test-backend}: server-sent events. The request is
 * checked and the project read on a worker thread (DynamoDB), so a refusal is a plain 404/422/400 response; once
 * the events start, the answer streams from the model's or the backend's own thread.
 */
@Controller("/api/projects/{project_id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = {PromptGeneration.class, BackendTest.class})
public class PromptStreamController {

    private final PromptGeneration generation;
    private final BackendTest backendTest;

    PromptStreamController(PromptGeneration generation, BackendTest backendTest) {
        this.generation = generation;
        this.backendTest = backendTest;
    }

    @Post(value = "/generate", consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Tag(name = "Generation")
    @Operation(summary = "Generate a response with the project's model, streamed as server-sent events")
    HttpResponse<Flux<byte[]>> generate(Authentication authentication, @PathVariable("project_id") String projectId,
                                        @Nullable @Body PromptRequest request) {
        PromptRequest body = request == null ? PromptRequest.EMPTY : request;
        return events(generation.generate(TeamPrincipal.of(authentication), PromptProjects.id(projectId),
                body.settings()));
    }

    @Post(value = "/test-backend", consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Tag(name = "Backend Testing")
    @Operation(summary = "Send a prompt to the project's backend, its answer streamed as server-sent events")
    HttpResponse<Flux<byte[]>> testBackend(Authentication authentication,
                                           @PathVariable("project_id") String projectId,
                                           @Nullable @Body PromptRequest request) {
        PromptRequest body = request == null ? PromptRequest.EMPTY : request;
        return events(backendTest.test(TeamPrincipal.of(authentication).team(), PromptProjects.id(projectId), body));
    }

    private static HttpResponse<Flux<byte[]>> events(Flux<byte[]> events) {
        return HttpResponse.ok(events).contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }
}
