package dev.athanor.promptlab.projects;

import dev.athanor.core.http.RequestFields;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/**
 * A project's fields from a create or update body, snake_case or camelCase. A create needs {@code name} and
 * {@code provider_id}; an update changes only the fields it carries (null clears an optional one). Names are
 * 1-200 characters without surrounding blanks or a slash (they appear in {@code /prompt/{project_name}/...} URLs);
 * a URL, when given, must pass the SSRF guard as any URL Athanor may call, and {@code git_repo_url} must be an
 * http(s) Git URL (not ssh, git or file). A URL the body does not carry is left as stored.
 */
final class ProjectInput {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 10_000;
    static final String NOT_HTTP_GIT = "must be an https or http Git URL (ssh, git and file URLs are not accepted)";

    private ProjectInput() {
    }

    /** @param current the project an update starts from; null for a create */
    static PromptProjectDraft draft(RequestFields fields, @Nullable PromptProject current, OutboundUrlGuard urls) {
        String name = text(fields, current == null ? null : current.name(), MAX_NAME, "name");
        String providerId = text(fields, current == null ? null : current.providerId(), MAX_NAME, "provider_id");
        String llamastackUrl = url(fields, current == null ? null : current.llamastackUrl(), "llamastack_url", urls);
        String gitRepoUrl = url(fields, current == null ? null : current.gitRepoUrl(), "git_repo_url", urls);
        String testBackendUrl = url(fields, current == null ? null : current.testBackendUrl(), "test_backend_url",
                urls);
        String description = fields.has("description") ? fields.string("description")
                : current == null ? null : current.description();
        if (description != null && description.length() > MAX_TEXT) {
            fields.error("description", "must be at most " + MAX_TEXT + " characters");
        }
        if (name == null || name.isBlank()) {
            fields.error("name", "is required");
        } else if (!name.equals(name.strip()) || name.contains("/")) {
            fields.error("name", "must not start or end with blanks or contain '/'");
        }
        if (providerId == null || providerId.isBlank()) {
            fields.error("provider_id", "is required");
        }
        fields.check("project");
        return new PromptProjectDraft(name, providerId, llamastackUrl, gitRepoUrl, testBackendUrl, description);
    }

    private static String text(RequestFields fields, String current, int max, String name) {
        String value = fields.has(name) ? fields.string(name) : current;
        if (value != null && value.length() > max) {
            fields.error(name, "must be at most " + max + " characters");
        }
        return value;
    }

    private static String url(RequestFields fields, String current, String name, OutboundUrlGuard urls) {
        if (!fields.has(name)) {
            return current;
        }
        String value = fields.string(name);
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (name.equals("git_repo_url") && !isHttpScheme(value)) {
            fields.error(name, NOT_HTTP_GIT);
        } else {
            urls.problem(value).ifPresent(problem -> fields.error(name, problem));
        }
        return value;
    }

    /** Whether the URL starts with {@code http://} or {@code https://} (not ssh, git, file or {@code git@host:path}). */
    private static boolean isHttpScheme(String url) {
        String start = url.strip().toLowerCase(Locale.ROOT);
        return start.startsWith("http://") || start.startsWith("https://");
    }
}
