package dev.athanor.testkit.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;

/**
 * The server's bare repositories, and what happens to them outside of pushes: commits written straight into a branch
 * (another writer), merges as a host merges a pull request, tags. Everything is done on the object database, as a
 * host does it, without a working tree.
 */
final class BareRepositories {

    static final PersonIdent OUTSIDE = new PersonIdent("Outside Writer", "outside@example.com");

    private final Path root;

    BareRepositories(Path root) {
        this.root = root;
    }

    /** Opens a repository for one request or one change; the caller closes it. */
    Repository open(String path) throws RepositoryNotFoundException {
        Path dir = folder(path);
        if (!Files.isDirectory(dir)) {
            throw new RepositoryNotFoundException(path);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } catch (RepositoryNotFoundException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void create(String path, String defaultBranch) {
        Path dir = folder(path);
        try {
            Files.createDirectories(dir.getParent());
            try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(defaultBranch).call()) {
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean("http", null, "receivepack", true);
                config.save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes (or with {@code content == null} deletes) one file in a new commit on the branch; its sha. */
    String commitFile(String path, String branch, String file, String content, String message) {
        try (Repository repo = open(path); ObjectInserter inserter = repo.newObjectInserter();
             ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Ref ref = repo.exactRef(Constants.R_HEADS + branch);
            ObjectId parent = ref == null ? null : ref.getObjectId();
            DirCache index = DirCache.newInCore();
            if (parent != null) {
                DirCacheBuilder builder = index.builder();
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent).getTree());
                builder.finish();
            }
            DirCacheEditor editor = index.editor();
            if (content == null) {
                editor.add(new DirCacheEditor.DeletePath(file));
            } else {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(file) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            ObjectId commit = insertCommit(inserter, tree, message, parent == null ? List.of() : List.of(parent));
            move(repo, branch, parent, commit);
            return commit.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges {@code source} into {@code target} as a host merges a pull request: a fast-forward when the target has
     * not moved since the branch was made, else a merge commit with both heads as parents. The target's new head.
     */
    String merge(String path, String source, String target) {
        try (Repository repo = open(path); ObjectInserter inserter = repo.newObjectInserter();
             RevWalk walk = new RevWalk(repo)) {
            RevCommit sourceHead = walk.parseCommit(head(repo, source));
            ObjectId targetId = head(repo, target);
            RevCommit targetHead = walk.parseCommit(targetId);
            if (walk.isMergedInto(sourceHead, targetHead)) {
                return targetHead.name();
            }
            if (walk.isMergedInto(targetHead, sourceHead)) {
                move(repo, target, targetId, sourceHead);
                return sourceHead.name();
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RESOLVE.newMerger(inserter, repo.getConfig());
            if (!merger.merge(targetHead, sourceHead)) {
                throw new IllegalStateException("Merging " + source + " into " + target + " of " + path
                        + " conflicts in " + merger.getUnmergedPaths());
            }
            ObjectId commit = insertCommit(inserter, merger.getResultTreeId(),
                    "Merge branch '" + source + "' into " + target, List.of(targetHead, sourceHead));
            move(repo, target, targetId, commit);
            return commit.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tags a branch's head or a commit: annotated (with the message and tagger date) or, without a message, light. */
    void tag(String path, String name, String ref, String message, Instant when) {
        try (Repository repo = open(path); ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId target = resolve(repo, ref);
            ObjectId tagged = target;
            if (message != null) {
                TagBuilder tag = new TagBuilder();
                tag.setTag(name);
                tag.setObjectId(target, Constants.OBJ_COMMIT);
                tag.setMessage(message);
                tag.setTagger(new PersonIdent(OUTSIDE, when, ZoneOffset.UTC));
                tagged = inserter.insert(tag);
                inserter.flush();
            }
            RefUpdate update = repo.updateRef(Constants.R_TAGS + name);
            update.setNewObjectId(tagged);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            expect(update.update(), update, RefUpdate.Result.NEW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readFile(String path, String ref, String file) {
        try (Repository repo = open(path); RevWalk walk = new RevWalk(repo)) {
            ObjectId commit = repo.resolve(ref);
            if (commit == null) {
                return null;
            }
            try (TreeWalk entry = TreeWalk.forPath(repo, file, walk.parseCommit(commit).getTree())) {
                if (entry == null || (entry.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    return null;
                }
                return new String(repo.open(entry.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> branches(String path) {
        try (Repository repo = open(path)) {
            return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                    .map(ref -> ref.getName().substring(Constants.R_HEADS.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sha a branch, tag or commit names, or null. */
    String resolveOrNull(String path, String ref) {
        try (Repository repo = open(path)) {
            ObjectId id = repo.resolve(ref);
            return id == null ? null : id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path folder(String path) {
        Path dir = root.resolve(GitHttpServer.normalise(path) + ".git").normalize();
        if (!dir.startsWith(root)) {
            throw new IllegalArgumentException("Not a repository path: " + path);
        }
        return dir;
    }

    private static ObjectId head(Repository repo, String branch) throws IOException {
        Ref ref = repo.exactRef(Constants.R_HEADS + branch);
        if (ref == null) {
            throw new IllegalArgumentException("No branch " + branch);
        }
        return ref.getObjectId();
    }

    private static ObjectId resolve(Repository repo, String ref) throws IOException {
        ObjectId id = repo.resolve(ref + "^{commit}");
        if (id == null) {
            throw new IllegalArgumentException("Nothing named " + ref);
        }
        return id;
    }

    private static ObjectId insertCommit(ObjectInserter inserter, ObjectId tree, String message,
                                         List<? extends ObjectId> parents) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents.toArray(new ObjectId[0]));
        PersonIdent now = new PersonIdent(OUTSIDE, Instant.now(), TimeZone.getDefault().toZoneId());
        commit.setAuthor(now);
        commit.setCommitter(now);
        commit.setMessage(message);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id;
    }

    /** Moves a branch from {@code from} (null: it is new) to {@code to}, failing when it moved meanwhile. */
    private static void move(Repository repo, String branch, ObjectId from, ObjectId to) throws IOException {
        RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
        update.setNewObjectId(to);
        update.setExpectedOldObjectId(from == null ? ObjectId.zeroId() : from);
        expect(update.update(), update, RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD);
    }

    private static void expect(RefUpdate.Result result, RefUpdate update, RefUpdate.Result... wanted) {
        for (RefUpdate.Result ok : wanted) {
            if (result == ok) {
                return;
            }
        }
        throw new IllegalStateException("Updating " + update.getName() + " failed: " + result);
    }
}
