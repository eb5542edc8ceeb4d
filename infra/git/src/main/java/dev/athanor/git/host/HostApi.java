package dev.athanor.git.host;

import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.RepoAccess;

/** One platform's REST API behind {@link GitHosts}; the same calls as the port, for that platform's credentials. */
interface HostApi {

    GitUser authenticate(GitCredentials credentials);

    RepoAccess access(GitCredentials credentials, GitRepo repo);

    PullRequest open(GitCredentials credentials, GitRepo repo, NewPullRequest request);

    PullRequest find(GitCredentials credentials, GitRepo repo, long number);
}
