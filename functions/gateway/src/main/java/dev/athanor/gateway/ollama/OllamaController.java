package dev.athanor.gateway.ollama;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * {@code /ollama/*}: the operator's Ollama server (OLLAMA_BASE_URL) on its native API. Streams are NDJSON, one JSON
 * object a line as Ollama streams; the Ollama client blocks, so every route runs on a worker thread.
 */
@Controller("/ollama")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Ollama Integration")
public class OllamaController {

    static final String NDJSON = "application/x-ndjson";

    private final OllamaManagement ollama;
    private final JsonMapper json;
    private final Executor blocking;

    OllamaController(OllamaManagement ollama, JsonMapper json, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.ollama = ollama;
        this.json = json;
        this.blocking = blocking;
    }

    @Get("/models")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "List the models on the Ollama server, with human-readable sizes")
    @ApiResponse(responseCode = "503", description = "No Ollama server is configured")
    @ApiResponse(responseCode = "502", description = "The Ollama server could not be reached or failed")
    OllamaViews.ModelList models() {
        return OllamaViews.ModelList.of(ollama.models());
    }

    @Post(value = "/generate", consumes = MediaType.APPLICATION_JSON, produces = {MediaType.APPLICATION_JSON, NDJSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Generate text with an Ollama model, whole or streamed as NDJSON",
            description = "Body: model (required), prompt, system, context, stream (default false), options "
                    + "(temperature, top_p, max_tokens as Ollama's num_predict, other Ollama options as named)")
    @ApiResponse(responseCode = "404", description = "Ollama has no such model")
    @ApiResponse(responseCode = "422", description = "A field is missing or wrong (named in detail)")
    CompletableFuture<HttpResponse<?>> generate(Authentication authentication, HttpRequest<?> request) {
        TeamPrincipal caller = TeamPrincipal.of(authentication);
        OllamaRequests.Generate call = OllamaRequests.generate(RequestFields.read(json, request));
        ollama.requireConfigured();
        if (!call.stream()) {
            return CompletableFuture.completedFuture(HttpResponse.ok(OllamaViews.Generation.of(
                    ollama.generate(caller, call.request(), null))).contentType(MediaType.APPLICATION_JSON_TYPE));
        }
        return stream(lines -> ollama.generate(caller, call.request(),
                line -> lines.accept(OllamaViews.Generation.of(line))));
    }

    @Post(value = "/pull", consumes = MediaType.APPLICATION_JSON, produces = {NDJSON, MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Pull a model onto the Ollama server (admins), its progress streamed as NDJSON",
            description = "Body: name (required), stream (default true). Streamed: Ollama's progress lines (status, "
                    + "digest, total, completed) ending with {\"status\": \"success\"} or {\"error\": ...}; "
                    + "stream false answers the final status")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin of the team")
    @ApiResponse(responseCode = "404", description = "The registry has no such model")
    CompletableFuture<HttpResponse<?>> pull(Authentication authentication, HttpRequest<?> request) {
        TeamPrincipal caller = TeamPrincipal.of(authentication);
        OllamaManagement.requireAdmin(caller, "pull");
        OllamaRequests.Pull call = OllamaRequests.pull(RequestFields.read(json, request));
        ollama.requireConfigured();
        if (!call.stream()) {
            String[] last = {null};
            ollama.pull(caller, call.name(), progress -> last[0] = progress.status());
            return CompletableFuture.completedFuture(HttpResponse.ok(Map.of("status",
                    last[0] == null ? "success" : last[0])).contentType(MediaType.APPLICATION_JSON_TYPE));
        }
        return stream(lines -> ollama.pull(caller, call.name(), progress ->
                lines.accept(OllamaViews.Progress.of(progress))));
    }

    @Delete("/models/{model_name}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Remove a model from the Ollama server (admins)")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin of the team")
    @ApiResponse(responseCode = "404", description = "Ollama has no such model")
    OllamaViews.Deleted delete(Authentication authentication, @PathVariable("model_name") String modelName) {
        TeamPrincipal caller = TeamPrincipal.of(authentication);
        OllamaManagement.requireAdmin(caller, "delete");
        OllamaModelNames.check("model_name", modelName);
        ollama.delete(caller, modelName);
        return new OllamaViews.Deleted(true, modelName);
    }

    private CompletableFuture<HttpResponse<?>> stream(Consumer<Consumer<Object>> work) {
        return new NdjsonStream(json).start(blocking, work).thenApply(OllamaController::ndjson);
    }

    private static HttpResponse<?> ndjson(Flux<byte[]> lines) {
        return HttpResponse.ok(lines).contentType(NDJSON)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }
}
