package dev.athanor.model.git;

import java.util.List;

/**
 * Port: Git itself (clone, fetch, commit, push over https) on a working copy kept per repository on local disk
 * ({@code /tmp} in Lambda, reused while the instance is warm). Calls on one repository are serialised within the
 * process; each identity (platform, server, user) has its own working copy of a repository. A push that another writer beat is re-applied on the new head. Failures are the domain's exceptions,
 * as for {@link GitHostApi}: the token refused (401), no push right (403), no such repository (404), a branch that
 * exists already (409), the host unreachable or slow (502). Messages never hold the token.
 */
public interface GitRepositories {

    /** Fetches the default branch and returns its head and the files under {@code folder} (empty when none). */
    RepoFiles read(GitCredentials credentials, GitRepo repo, String folder);

    /** Commits the changes on a new branch made from the default branch's head and pushes that branch. */
    GitCommit pushBranch(GitCredentials credentials, GitRepo repo, String branch, FileChanges changes);

    /**
     * Deletes a branch from the remote if it still points at {@code expectedSha}: undoes a {@link #pushBranch} whose
     * pull request could not be opened.
     */
    void deleteBranch(GitCredentials credentials, GitRepo repo, String branch, String expectedSha);

    /**
     * Commits the changes on the default branch and pushes it. When the push is rejected because the branch moved,
     * fetches, applies the same changes on the new head and tries again (a few times), so two writers both land.
     */
    GitCommit pushToDefault(GitCredentials credentials, GitRepo repo, FileChanges changes);

    /** The default branch's commits that touched {@code path}, newest first, with the file after each. */
    List<FileVersion> history(GitCredentials credentials, GitRepo repo, String path, int limit);

    /** The repository's tags, newest first where dated. */
    List<GitTag> tags(GitCredentials credentials, GitRepo repo);

    /** The local working copy under {@code folder}, without calling the host. */
    WorkingCopyStatus status(GitCredentials credentials, GitRepo repo, String folder);
}
