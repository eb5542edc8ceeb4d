package dev.athanor.git.repo;

import dev.athanor.git.GitConfiguration;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.git.FileChanges;
import dev.athanor.model.git.FileVersion;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.GitTag;
import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.git.WorkingCopyStatus;
import jakarta.inject.Singleton;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Git over http(s) with jgit, on a shallow working copy per identity and repository kept under the configured
 * workspace. Every call that talks to the host first brings its copy to the remote default branch's head, so a call
 * that stopped half-way never leaks into the next.
 */
@Singleton
public final class JgitRepositories implements GitRepositories {

    private static final Logger LOG = LoggerFactory.getLogger(JgitRepositories.class);

    /** How often a push to the default branch is re-applied on a head another writer moved. */
    static final int PUSH_ATTEMPTS = 5;

    private final WorkingCopies copies;

    public JgitRepositories(GitConfiguration configuration) {
        this.copies = new WorkingCopies(Path.of(configuration.getWorkspaceDir()), configuration.getTimeout(),
                configuration.getDepth());
    }

    @Override
    public RepoFiles read(GitCredentials credentials, GitRepo repo, String folder) {
        String under = RepoPaths.folder(folder);
        return copies.with(credentials, repo, copy -> {
            RemoteState remote = copy.sync();
            if (remote.isEmpty()) {
                return new RepoFiles(remote.defaultBranch(), null, Map.of());
            }
            return new RepoFiles(remote.defaultBranch(), remote.head().name(),
                    io(copy, () -> copy.reads().files(remote.head(), under)));
        });
    }

    @Override
    public GitCommit pushBranch(GitCredentials credentials, GitRepo repo, String branch, FileChanges changes) {
        String name = RepoPaths.branch(branch);
        Map<String, String> files = checked(changes);
        return copies.with(credentials, repo, copy -> {
            RemoteState remote = copy.sync();
            if (remote.isEmpty()) {
                throw new ConflictException("The repository " + repo.path() + " has no commits yet: it needs a first"
                        + " commit on its default branch (" + remote.defaultBranch() + ") to branch from");
            }
            if (remote.hasBranch(name)) {
                throw branchExists(repo, name);
            }
            copy.startBranch(name, remote.head());
            copy.apply(files);
            // changes that change nothing still make a commit: the caller asked for a branch to exist
            RevCommit commit = copy.commit(changes.message(), changes.author(), remote.head(), true).orElseThrow();
            PushOutcome outcome = copy.push(commit, name, ObjectId.zeroId(), null);
            if (outcome.landed()) {
                return CommitReads.commit(commit);
            }
            if (outcome.branchMoved()) {
                throw branchExists(repo, name);
            }
            throw copy.failures().refused(name, outcome.hostMessage());
        });
    }

    @Override
    public void deleteBranch(GitCredentials credentials, GitRepo repo, String branch, String expectedSha) {
        String name = RepoPaths.branch(branch);
        copies.with(credentials, repo, copy -> {
            PushOutcome outcome = copy.push(null, name, ObjectId.fromString(expectedSha), null);
            if (!outcome.landed()) {
                throw copy.failures().refused(name, outcome.hostMessage());
            }
            return null;
        });
    }

    @Override
    public GitCommit pushToDefault(GitCredentials credentials, GitRepo repo, FileChanges changes) {
        Map<String, String> files = checked(changes);
        return copies.with(credentials, repo, copy -> {
            PushOutcome refusal = null;
            ObjectId refusedOn = null;
            for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
                RemoteState remote = copy.sync();
                // a refusal that is not about the branch's state stands when the branch did not move meanwhile
                if (refusal != null && !refusal.branchMoved() && Objects.equals(remote.head(), refusedOn)) {
                    throw copy.failures().refused(remote.defaultBranch(), refusal.hostMessage());
                }
                copy.apply(files);
                Optional<RevCommit> commit = copy.commit(changes.message(), changes.author(), remote.head(), false);
                if (commit.isEmpty()) {
                    return unchanged(copy, repo, remote);
                }
                PushOutcome outcome = copy.push(commit.get(), remote.defaultBranch(),
                        remote.isEmpty() ? ObjectId.zeroId() : remote.head(),
                        Origin.trackingRef(remote.defaultBranch()));
                if (outcome.landed()) {
                    return CommitReads.commit(commit.get());
                }
                LOG.debug("The push to {} of {} was refused ({}: {}), attempt {} of {}", remote.defaultBranch(),
                        repo.path(), outcome.status(), copy.failures().scrub(outcome.hostMessage()), attempt,
                        PUSH_ATTEMPTS);
                refusal = outcome;
                refusedOn = remote.head();
            }
            throw new ConflictException("The default branch of " + repo.path() + " kept moving: the changes were"
                    + " applied on " + PUSH_ATTEMPTS + " successive heads and none of the pushes landed");
        });
    }

    @Override
    public List<FileVersion> history(GitCredentials credentials, GitRepo repo, String path, int limit) {
        String file = RepoPaths.file(path);
        if (limit < 1) {
            return List.of();
        }
        return copies.with(credentials, repo, copy -> {
            RemoteState remote = copy.sync();
            if (remote.isEmpty()) {
                return List.of();
            }
            return io(copy, () -> copy.reads().history(remote.head(), file, limit));
        });
    }

    @Override
    public List<GitTag> tags(GitCredentials credentials, GitRepo repo) {
        return copies.with(credentials, repo, copy -> {
            RemoteState remote = copy.sync();
            return io(copy, () -> copy.reads().tags(remote.tags()));
        });
    }

    @Override
    public WorkingCopyStatus status(GitCredentials credentials, GitRepo repo, String folder) {
        String under = RepoPaths.folder(folder);
        return copies.ifPresent(credentials, repo, copy -> copy.status(under),
                () -> new WorkingCopyStatus(false, null, null, List.of(), List.of()));
    }

    /** Changes that already hold: the head as it is, nothing pushed. */
    private static GitCommit unchanged(WorkingCopy copy, GitRepo repo, RemoteState remote) {
        if (remote.isEmpty()) {
            throw new ConflictException("The repository " + repo.path() + " has no commits and the changes add no"
                    + " file: there is nothing to commit");
        }
        return io(copy, () -> copy.reads().commit(remote.head()));
    }

    private static Map<String, String> checked(FileChanges changes) {
        if (changes == null || changes.message() == null || changes.message().isBlank()) {
            throw new InvalidInputException("A commit message is required");
        }
        if (changes.author() == null || changes.author().name() == null || changes.author().name().isBlank()
                || changes.author().email() == null || changes.author().email().isBlank()) {
            throw new InvalidInputException("A commit author with a name and an email is required");
        }
        Map<String, String> files = new LinkedHashMap<>();
        changes.files().forEach((path, content) -> files.put(RepoPaths.file(path), content));
        return files;
    }

    private static ConflictException branchExists(GitRepo repo, String branch) {
        return new ConflictException("The branch " + branch + " already exists in " + repo.path());
    }

    private static <T> T io(WorkingCopy copy, IoRead<T> read) {
        try {
            return read.run();
        } catch (IOException e) {
            throw copy.failures().local(e);
        }
    }

    @FunctionalInterface
    private interface IoRead<T> {
        T run() throws IOException;
    }
}
