package dev.athanor.orchestrator.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/**
 * A project's GitHub webhook as GitHub's "Add webhook" form asks for it: payload URL, content type, secret and
 * events.
 *
 * @param secret the secret in plain text, only in the answer that made it; null afterwards
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record WebhookView(String url, @Nullable String secret, boolean secretSet, String contentType,
                          List<String> events, String projectId, String githubRepo, String createdAt) {

    static final String CONTENT_TYPE = "json";
    static final List<String> EVENTS = List.of("issues");
}
