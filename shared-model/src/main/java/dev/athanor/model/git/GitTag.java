package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A tag and the commit it names; annotated tags carry their message and date. */
public record GitTag(String name, String sha, @Nullable String message, @Nullable Instant when) {
}
