package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

/**
 * Who Athanor acts as on a Git host: a platform account and its access token, in clear only while a call needs it.
 * {@code serverUrl} is the host's web root for GitHub Enterprise, self-hosted GitLab and Gitea ({@code null}: github.com
 * or gitlab.com). {@link #toString()} never shows the token.
 */
public record GitCredentials(GitPlatform platform, String username, String token, @Nullable String serverUrl) {

    @Override
    public String toString() {
        return "GitCredentials[" + platform.wireName() + ", " + username + ", " + serverUrl + "]";
    }
}
