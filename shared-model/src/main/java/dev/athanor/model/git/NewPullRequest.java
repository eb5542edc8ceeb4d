package dev.athanor.model.git;

/** A pull request to open: from a pushed branch into the target, with a title and a Markdown description. */
public record NewPullRequest(String sourceBranch, String targetBranch, String title, String body) {
}
