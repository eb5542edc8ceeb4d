package dev.athanor.orchestrator.projects;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectDraft;
import dev.athanor.model.orchestrator.ProjectStatus;
import dev.athanor.model.orchestrator.ProjectType;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A project's fields from a create or update body, snake_case or camelCase. A create needs {@code name}; {@code type}
 * defaults to {@code general}, {@code status} to {@code active}, {@code config} to the document's defaults with the
 * parts given merged in. An update changes only the fields it carries ({@code github_repo} null or empty clears the
 * repository). Fields the project does not let a caller set ({@code id}, {@code slot}, the task figures) are ignored.
 */
final class ProjectInput {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 500;

    private ProjectInput() {
    }

    /** @param current the project an update starts from; null for a create */
    static ProjectDraft draft(RequestFields fields, @Nullable OrchestratorProject current) {
        String name = name(fields, current == null ? null : current.name());
        ProjectType type = choice(fields, "type", current == null ? ProjectType.GENERAL : current.type(),
                ProjectType::fromWire, String.join(", ", ProjectType.wireNames()));
        ProjectStatus status = choice(fields, "status", current == null ? ProjectStatus.ACTIVE : current.status(),
                ProjectStatus::fromWire, String.join(", ", ProjectStatus.wireNames()));
        String githubRepo = githubRepo(fields, current == null ? null : current.githubRepo());
        ProjectConfiguration config = current == null ? ProjectConfiguration.DEFAULTS : current.config();
        if (fields.has("config")) {
            Map<String, Object> given = fields.object("config");
            if (given == null && fields.node("config") == null) {
                fields.error("config", "must be an object");
            } else if (given != null) {
                config = ConfigInput.merge(config, given, "config.", fields);
            }
        }
        fields.check("project");
        return new ProjectDraft(name, type, status, githubRepo, config);
    }

    private static String name(RequestFields fields, @Nullable String current) {
        if (!fields.has("name")) {
            if (current == null) {
                fields.error("name", "is required");
            }
            return current;
        }
        String value = fields.string("name");
        if (value == null || value.isBlank()) {
            fields.error("name", "must not be empty");
            return current;
        }
        if (value.strip().length() > MAX_NAME) {
            fields.error("name", "must be at most " + MAX_NAME + " characters");
        }
        return value.strip();
    }

    /** One of an enum's wire names; a field sent as null or with another value is refused naming the choices. */
    private static <E> E choice(RequestFields fields, String field, E current, Function<String, Optional<E>> parse,
                                String choices) {
        if (!fields.has(field)) {
            return current;
        }
        if (fields.node(field) != null && !fields.node(field).isString()) {
            fields.error(field, "must be one of " + choices);
            return current;
        }
        String value = fields.string(field);
        Optional<E> chosen = value == null ? Optional.empty() : parse.apply(value);
        if (chosen.isEmpty()) {
            fields.error(field, "must be one of " + choices);
        }
        return chosen.orElse(current);
    }

    /**
     * An absolute http(s) URL with a host and no credentials; null or empty clears it. Only its shape is checked:
     * Athanor never calls it.
     */
    @Nullable
    private static String githubRepo(RequestFields fields, @Nullable String current) {
        if (!fields.has("github_repo")) {
            return current;
        }
        if (fields.node("github_repo") != null && !fields.node("github_repo").isString()) {
            fields.error("github_repo", "must be a string or null");
            return current;
        }
        String value = fields.string("github_repo");
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        if (url.length() > MAX_URL) {
            fields.error("github_repo", "must be at most " + MAX_URL + " characters");
        } else if (!isHttpUrl(url)) {
            fields.error("github_repo", "must be an http or https URL with a host, e.g. https://github.com/user/repo");
        }
        return url;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
