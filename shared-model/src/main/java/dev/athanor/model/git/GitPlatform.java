package dev.athanor.model.git;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Git hosts whose pull-request APIs Athanor speaks, by their wire names. */
public enum GitPlatform {
    GITHUB("github", "GitHub"),
    GITLAB("gitlab", "GitLab"),
    GITEA("gitea", "Gitea");

    private final String wireName;
    private final String displayName;

    GitPlatform(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    /** A pull request is a merge request on GitLab. */
    public String pullRequestName() {
        return this == GITLAB ? "merge request" : "pull request";
    }

    public static Optional<GitPlatform> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wanted)).findFirst();
    }
}
