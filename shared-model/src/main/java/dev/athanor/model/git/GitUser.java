package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The account behind a token, as its host describes it. */
@Serdeable
public record GitUser(String username,
                      @Nullable String name,
                      @Nullable String email,
                      @Nullable String avatarUrl,
                      @Nullable String profileUrl) {
}
