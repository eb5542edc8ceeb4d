package dev.athanor.model.git;

import java.time.Instant;

/** A commit as history shows it. */
public record GitCommit(String sha, String message, String authorName, String authorEmail, Instant when) {

    public String shortSha() {
        return sha.substring(0, Math.min(7, sha.length()));
    }
}
