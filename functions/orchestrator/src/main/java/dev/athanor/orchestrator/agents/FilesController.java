package dev.athanor.orchestrator.agents;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.orchestrator.AgentFile;
import dev.athanor.model.orchestrator.AgentFileType;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The caller's team's agent config files (skills, MCP configs, commands, other configs): list (by path, with their
 * content, a page at a time, of one type when asked), create (201; 409 when the path is taken), read, update and
 * delete. A file is addressed by its path after {@code /api/agents/files/}, slashes and all.
 */
@Controller("/api/agents/files")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = ConfigFiles.class)
@Tag(name = "Agents")
public class FilesController {

    /** Whole files are listed, up to 64 KiB each: a page stays far below a Lambda response's 6 MB. */
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 20;

    private final ConfigFiles files;
    private final JsonMapper json;

    FilesController(ConfigFiles files, JsonMapper json) {
        this.files = files;
        this.json = json;
    }

    @Get
    @Operation(summary = "List the team's config files with their content, by path, a page at a time")
    HttpResponse<Files> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = "skill, mcp, instruction or config; all types when absent")
            @Nullable @QueryValue("file_type") String fileType,
            @Parameter(description = "Files per page, 1-" + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
            @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        AgentFileType type = fileType == null || fileType.isEmpty() ? null : AgentFileType.fromWire(fileType)
                .orElseThrow(() -> new InvalidInputException("Invalid file_type: must be one of "
                        + FileInput.FILE_TYPES, Map.of("file_type", List.of("must be one of " + FileInput.FILE_TYPES))));
        var page = files.list(team(authentication), type,
                Paging.request(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT)).map(FileView::of);
        return Paging.withNext(HttpResponse.ok(new Files(page.items())), request, page.next());
    }

    @Post
    @Operation(summary = "Create a config file")
    HttpResponse<FileView> create(Authentication authentication, HttpRequest<?> request) {
        var write = FileInput.read(RequestFields.read(json, request), null, null);
        return HttpResponse.created(FileView.of(files.create(team(authentication), write)));
    }

    @Get("/{file_path:.+}")
    @Operation(summary = "Get a config file by its path")
    FileView get(Authentication authentication, @PathVariable("file_path") String filePath) {
        return FileView.of(files.get(team(authentication), filePath));
    }

    @Put("/{file_path:.+}")
    @Operation(summary = "Replace a config file's content (and, when given, its type)")
    FileView update(Authentication authentication, @PathVariable("file_path") String filePath,
                    HttpRequest<?> request) {
        TeamId team = team(authentication);
        Versioned<AgentFile> current = files.find(team, filePath);
        var write = FileInput.read(RequestFields.read(json, request), current.value().path(),
                current.value().fileType());
        return FileView.of(files.update(team, current, write));
    }

    @Delete("/{file_path:.+}")
    @Operation(summary = "Delete a config file")
    Deleted delete(Authentication authentication, @PathVariable("file_path") String filePath) {
        files.delete(team(authentication), filePath);
        return new Deleted("Config file deleted");
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }

    @Serdeable
    record Files(List<FileView> files) {
    }

    @Serdeable
    record Deleted(String message) {
    }
}
