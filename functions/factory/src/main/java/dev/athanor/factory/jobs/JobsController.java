package dev.athanor.factory.jobs;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** {@code /api/jobs}: generation jobs of the caller's team (seed 003, "Jobs"). */
@Controller("/api/jobs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Jobs")
public class JobsController {

    private final FactoryJobs jobs;

    JobsController(FactoryJobs jobs) {
        this.jobs = jobs;
    }

    @Get
    @Operation(summary = "List the team's generation jobs, newest first, a page at a time")
    HttpResponse<List<JobResponse>> list(Authentication auth, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, jobs.list(TeamPrincipal.of(auth).team(), Paging.request(limit, cursor))
                .map(JobResponse::of));
    }

    @Post
    @Operation(summary = "Start a generation job")
    HttpResponse<JobResponse> create(Authentication auth, @Body Map<String, Object> body) {
        return HttpResponse.status(HttpStatus.ACCEPTED).body(JobResponse.of(jobs.create(TeamPrincipal.of(auth).team(), body)));
    }

    @Get("/{slug}")
    @Operation(summary = "Get a job")
    JobResponse get(Authentication auth, String slug) {
        return JobResponse.of(jobs.get(TeamPrincipal.of(auth).team(), slug));
    }

    @Delete("/{slug}")
    @Operation(summary = "Delete a job (and its generated code with purge=true)")
    Map<String, Object> delete(Authentication auth, String slug, @Nullable @QueryValue Boolean purge) {
        jobs.delete(TeamPrincipal.of(auth).team(), slug, Boolean.TRUE.equals(purge));
        return Map.of("slug", slug, "deleted", true, "purged", Boolean.TRUE.equals(purge));
    }

    @Get("/{slug}/phases")
    @Operation(summary = "The status of each phase of a job")
    Map<String, String> phases(Authentication auth, String slug) {
        return jobs.phases(TeamPrincipal.of(auth).team(), slug);
    }

    @Post("/{slug}/cancel")
    @Operation(summary = "Cancel a queued or running job")
    Map<String, Object> cancel(Authentication auth, String slug) {
        JobView job = jobs.cancel(TeamPrincipal.of(auth).team(), slug);
        return Map.of("slug", slug, "status", job.status().equals("cancelled") ? "cancelled" : "cancel_requested",
                "cancel_requested", true);
    }

    @Get(value = "/{slug}/download", produces = "application/zip")
    @Operation(summary = "Download a job's generated code as a zip")
    HttpResponse<byte[]> download(Authentication auth, String slug) {
        byte[] zip = jobs.download(TeamPrincipal.of(auth).team(), slug);
        return HttpResponse.ok(zip).contentType(MediaType.of("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"" + slug + ".zip\"");
    }

    @Get("/{slug}/code/tree")
    @Operation(summary = "List the files of a job's generated code")
    List<TreeEntryResponse> tree(Authentication auth, String slug) {
        return jobs.tree(TeamPrincipal.of(auth).team(), slug).stream().map(TreeEntryResponse::of).toList();
    }

    @Get("/{slug}/code/file")
    @Operation(summary = "Read one file of a job's generated code")
    Map<String, String> file(Authentication auth, String slug, @Nullable @QueryValue String path) {
        return Map.of("path", path == null ? "" : path, "content", jobs.file(TeamPrincipal.of(auth).team(), slug, path));
    }
}
