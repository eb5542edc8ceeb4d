package dev.athanor.model.git;

/**
 * Port: a Git host's REST API (GitHub and GitHub Enterprise, GitLab, Gitea), for what Git itself cannot do: who a
 * token belongs to, what it may do with a repository, and pull requests. Failures are the domain's exceptions with a
 * message fit for the caller that never holds the token: the host refused the token
 * ({@link dev.athanor.model.error.UnauthorizedException}), the token may not do it
 * ({@link dev.athanor.model.error.ForbiddenException}), no such repository or pull request
 * ({@link dev.athanor.model.error.NotFoundException}), the host refused the request
 * ({@link dev.athanor.model.error.ConflictException} when it conflicts with the repository's state), or the host
 * failed or did not answer in time ({@link dev.athanor.model.error.UpstreamException}).
 */
public interface GitHostApi {

    /**
     * Checks the credentials as each platform is checked: GitHub and GitLab read a public repository with the token
     * and then ask whose it is; Gitea asks {@code /api/v1/user} and the username must be the token's.
     */
    GitUser authenticate(GitCredentials credentials);

    /** What the token may do with the repository; a repository it cannot see is {@code canRead == false}. */
    RepoAccess access(GitCredentials credentials, GitRepo repo);

    /** Opens a pull request from a branch already pushed. */
    PullRequest open(GitCredentials credentials, GitRepo repo, NewPullRequest request);

    /** A pull request's current state. */
    PullRequest find(GitCredentials credentials, GitRepo repo, long number);
}
