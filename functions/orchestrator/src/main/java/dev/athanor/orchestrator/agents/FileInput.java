package dev.athanor.orchestrator.agents;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.orchestrator.AgentFileType;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * A config file's fields from a create or update body, snake_case or camelCase. A create needs {@code file_path},
 * {@code file_type} and {@code content}; an update needs {@code content}, may change {@code file_type}, and cannot
 * move the file (a {@code file_path} given must be the file's own). Content is text of at most
 * {@value #MAX_CONTENT_BYTES} bytes in UTF-8 (422 naming {@code content} beyond): a list answers whole files, a page
 * of them at a time, and the page must fit a Lambda response.
 */
final class FileInput {

    static final int MAX_CONTENT_BYTES = 64 * 1024;
    static final String FILE_TYPES = "skill, mcp, instruction, config";

    /** What to write: the path, its type and the content's bytes. */
    record Write(String path, AgentFileType type, byte[] content) {
    }

    private FileInput() {
    }

    /**
     * @param currentPath the path of the file an update changes; null for a create
     * @param currentType its type; null for a create
     */
    static Write read(RequestFields fields, @Nullable String currentPath, @Nullable AgentFileType currentType) {
        String path = currentPath;
        if (currentPath == null) {
            path = fields.string("file_path");
            FilePaths.problem(path).ifPresent(problem -> fields.error("file_path", problem));
        } else if (fields.has("file_path") && !currentPath.equals(fields.string("file_path"))) {
            fields.error("file_path", "cannot be changed; create the file under the new path and delete this one");
        }
        AgentFileType type = currentType;
        if (fields.has("file_type") || currentType == null) {
            String wire = fields.string("file_type");
            type = wire == null ? null : AgentFileType.fromWire(wire).orElse(null);
            if (type == null) {
                fields.error("file_type", wire == null ? "is required (" + FILE_TYPES + ")"
                        : "must be one of " + FILE_TYPES);
            }
        }
        String content = fields.string("content");
        byte[] bytes = content == null ? null : content.getBytes(StandardCharsets.UTF_8);
        if (content == null && fields.node("content") == null) {
            fields.error("content", "is required (a string; it may be empty)");
        } else if (bytes != null && bytes.length > MAX_CONTENT_BYTES) {
            fields.error("content", "must be at most " + MAX_CONTENT_BYTES + " bytes (UTF-8); it has " + bytes.length);
        }
        fields.check("config file");
        return new Write(path, type, bytes);
    }
}
