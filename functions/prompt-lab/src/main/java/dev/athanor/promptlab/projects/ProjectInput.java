package dev.athanor.promptlab.projects;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import io.micronaut.core.annotation.Nullable;


/**
 * A project's fields from a create or update body, snake_case or camelCase. A create needs {@code name} and
 * {@code provider_id}; an update changes only the fields it carries (null clears an optional one). Names are
 * 1-200 characters without surrounding blanks or a slash (they appear in {@code /prompt/{project_name}/...} URLs);
 * URLs, when given, are absolute http(s) URLs.
 */
final class ProjectInput {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 10_000;

    private ProjectInput() {
    }

    /** @param current the project an update starts from; null for a create */
    static PromptProjectDraft draft(RequestFields fields, @Nullable PromptProject current) {
        String name = text(fields, current == null ? null : current.name(), MAX_NAME, "name");
        String providerId = text(fields, current == null ? null : current.providerId(), MAX_NAME, "provider_id");
        String llamastackUrl = url(fields, current == null ? null : current.llamastackUrl(), "llamastack_url");
        String gitRepoUrl = url(fields, current == null ? null : current.gitRepoUrl(), "git_repo_url");
        String testBackendUrl = url(fields, current == null ? null : current.testBackendUrl(), "test_backend_url");
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

    private static String url(RequestFields fields, String current, String name) {
        String value = fields.has(name) ? fields.string(name) : current;
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!RequestFields.isHttpUrl(value)) {
            fields.error(name, "must be an absolute http or https URL");
        }
        return value;
    }
}
