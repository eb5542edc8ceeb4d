package dev.athanor.git.repo;

import dev.athanor.model.error.DomainException;
import dev.athanor.model.git.GitAuthor;
import dev.athanor.model.git.WorkingCopyStatus;
import io.micronaut.core.annotation.Nullable;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One open working copy: brought to the remote's default branch before each piece of work, changed, committed and
 * pushed. Whatever an earlier call left (a commit not pushed, a file not committed, another branch) is dropped by the
 * next {@link #sync()}.
 */
final class WorkingCopy implements AutoCloseable {

    private final Git git;
    private final Repository repository;
    private final Origin origin;
    private final GitFailures failures;
    private final CommitReads reads;
    private boolean synced;

    WorkingCopy(Git git, Origin origin, GitFailures failures) {
        this.git = git;
        this.repository = git.getRepository();
        this.origin = origin;
        this.failures = failures;
        this.reads = new CommitReads(repository);
    }

    GitFailures failures() {
        return failures;
    }

    /** True once a {@link #sync()} has completed on this copy. */
    boolean synced() {
        return synced;
    }

    /**
     * Lists the remote, fetches its default branch and makes the working copy exactly that branch's head: hard reset,
     * untracked and ignored files removed, other local branches deleted. An empty remote leaves an unborn branch.
     */
    RemoteState sync() {
        RemoteState remote = origin.list();
        if (remote.isEmpty()) {
            local(() -> resetToUnborn(remote.defaultBranch()));
            synced = true;
            return remote;
        }
        ObjectId head = origin.fetch(remote.defaultBranch());
        local(() -> resetTo(remote.defaultBranch(), head));
        synced = true;
        return remote.withHead(head);
    }

    /** Checks out a new local branch at {@code base} (the working tree is already there). */
    void startBranch(String branch, ObjectId base) {
        local(() -> git.checkout().setCreateBranch(true).setName(branch).setStartPoint(base.name()).call());
    }

    /** Writes each file (deletes it for a null content) in the working tree and stages it. */
    void apply(Map<String, String> files) {
        local(() -> {
            Path root = repository.getWorkTree().toPath();
            AddCommand add = null;
            RmCommand remove = null;
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                if (file.getValue() == null) {
                    Files.deleteIfExists(target);
                    remove = (remove == null ? git.rm() : remove).addFilepattern(file.getKey());
                } else {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                    add = (add == null ? git.add() : add).addFilepattern(file.getKey());
                }
            }
            if (add != null) {
                add.call();
            }
            if (remove != null) {
                remove.call();
            }
            return null;
        });
    }

    /**
     * Commits what is staged on top of {@code base} ({@code null}: the first commit), by the author as committer too.
     * Empty when it would change nothing, unless {@code evenIfUnchanged}.
     */
    Optional<RevCommit> commit(String message, GitAuthor author, @Nullable ObjectId base, boolean evenIfUnchanged) {
        return local(() -> {
            if (!evenIfUnchanged && stagedTree().equals(treeOf(base))) {
                return Optional.empty();
            }
            PersonIdent who = new PersonIdent(author.name(), author.email());
            return Optional.of(git.commit().setMessage(message).setAuthor(who).setCommitter(who)
                    .setSign(false).setNoVerify(true).setAllowEmpty(true).call());
        });
    }

    PushOutcome push(@Nullable ObjectId commit, String branch, ObjectId expectedOld, @Nullable String tracking) {
        return origin.push(commit, branch, expectedOld, tracking);
    }

    CommitReads reads() {
        return reads;
    }

    /** {@code git status} under the folder ("" for all), from local disk only. */
    WorkingCopyStatus status(String folder) {
        return local(() -> {
            StatusCommand command = git.status();
            if (!folder.isEmpty()) {
                command.addPath(folder);
            }
            Status status = command.call();
            TreeSet<String> modified = new TreeSet<>();
            modified.addAll(status.getAdded());
            modified.addAll(status.getChanged());
            modified.addAll(status.getModified());
            modified.addAll(status.getMissing());
            modified.addAll(status.getRemoved());
            modified.addAll(status.getConflicting());
            ObjectId head = repository.resolve(Constants.HEAD);
            return new WorkingCopyStatus(true, repository.getBranch(),
                    head == null ? null : head.abbreviate(7).name(),
                    List.copyOf(modified), List.copyOf(new TreeSet<>(status.getUntracked())));
        });
    }

    @Override
    public void close() {
        git.close();
    }

    private Void resetTo(String branch, ObjectId head) throws Exception {
        linkHead(branch);
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
        clean();
        for (Ref local : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            if (!local.getName().equals(Constants.R_HEADS + branch)) {
                delete(local.getName());
            }
        }
        return null;
    }

    /** An empty remote: no local branch, nothing tracked, nothing in the working tree, HEAD on the unborn branch. */
    private Void resetToUnborn(String branch) throws Exception {
        List<Ref> locals = repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
        if (!locals.isEmpty()) {
            // the branch HEAD is on cannot be deleted: detach HEAD first
            RefUpdate detach = repository.updateRef(Constants.HEAD, true);
            detach.setNewObjectId(locals.get(0).getObjectId());
            detach.forceUpdate();
        }
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
            delete(ref.getName());
        }
        linkHead(branch);
        DirCache index = repository.lockDirCache();
        try {
            index.clear();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
        clean();
        return null;
    }

    private void linkHead(String branch) throws Exception {
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        RefUpdate.Result result = head.link(Constants.R_HEADS + branch);
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.NO_CHANGE) {
            throw new IllegalStateException("HEAD could not be set to " + branch + ": " + result);
        }
    }

    private void clean() throws Exception {
        git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
    }

    private void delete(String ref) throws Exception {
        RefUpdate update = repository.updateRef(ref);
        update.setForceUpdate(true);
        update.delete();
    }

    private ObjectId stagedTree() throws Exception {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = repository.readDirCache().writeTree(inserter);
            inserter.flush();
            return tree;
        }
    }

    private ObjectId treeOf(@Nullable ObjectId commit) throws Exception {
        if (commit == null) {
            return Constants.EMPTY_TREE_ID;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getTree().getId();
        }
    }

    /** Runs a step on local disk: the domain's exceptions pass, anything else is the working copy's failure. */
    private <T> T local(LocalStep<T> step) {
        try {
            return step.run();
        } catch (DomainException e) {
            throw e;
        } catch (Exception e) {
            throw failures.local(e);
        }
    }

    @FunctionalInterface
    private interface LocalStep<T> {
        T run() throws Exception;
    }
}
