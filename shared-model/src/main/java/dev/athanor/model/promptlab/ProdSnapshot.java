package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * The production prompt file of a project as last read from its repository's default branch: the commit read and
 * the file's content ({@code null} when the branch has no such file yet), and when it was read.
 */
@Serdeable
public record ProdSnapshot(String repoUrl, String commitSha, @Nullable String content, Instant readAt) {
}
