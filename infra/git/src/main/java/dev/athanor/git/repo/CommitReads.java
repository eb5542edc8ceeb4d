package dev.athanor.git.repo;

import dev.athanor.model.git.FileVersion;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitTag;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads from the working copy's object database: files at a commit, a file's history, tags, commits. */
final class CommitReads {

    private final Repository repository;

    CommitReads(Repository repository) {
        this.repository = repository;
    }

    /** Every file under the folder ("" for all) at the commit, by path, sorted. */
    Map<String, String> files(ObjectId commit, String folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            if (!folder.isEmpty()) {
                tree.setFilter(PathFilter.create(folder));
            }
            while (tree.next()) {
                if (isFile(tree)) {
                    files.put(tree.getPathString(), text(tree.getObjectId(0)));
                }
            }
        }
        return Collections.unmodifiableMap(files);
    }

    /** The commits from {@code head} back that changed {@code path}, newest first, with the file after each. */
    List<FileVersion> history(ObjectId head, String path, int limit) throws IOException {
        List<FileVersion> versions = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                versions.add(new FileVersion(commit(commit), fileAt(commit.getTree(), path)));
                if (versions.size() >= limit) {
                    break;
                }
            }
        }
        return List.copyOf(versions);
    }

    /**
     * The tags a listing saw, with the commit each names; annotated tags whose object this copy holds (fetches bring
     * the tags on the commits they bring) carry message and date. Dated ones first, newest first; then by name.
     */
    List<GitTag> tags(List<Ref> refs) throws IOException {
        List<GitTag> tags = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : refs) {
                tags.add(tag(walk, ref));
            }
        }
        tags.sort(Comparator.comparing(GitTag::when, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(GitTag::name));
        return List.copyOf(tags);
    }

    GitCommit commit(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return commit(walk.parseCommit(id));
        }
    }

    static GitCommit commit(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new GitCommit(commit.name(), commit.getFullMessage().stripTrailing(), author.getName(),
                author.getEmailAddress(), author.getWhenAsInstant());
    }

    private GitTag tag(RevWalk walk, Ref ref) throws IOException {
        String name = Repository.shortenRefName(ref.getName());
        ObjectId named = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        if (!repository.getObjectDatabase().has(ref.getObjectId())) {
            return new GitTag(name, named.name(), null, null);
        }
        RevObject object = walk.parseAny(ref.getObjectId());
        if (!(object instanceof RevTag annotated)) {
            return new GitTag(name, named.name(), null, null);
        }
        if (ref.getPeeledObjectId() == null) {
            try {
                named = walk.peel(annotated);
            } catch (MissingObjectException e) {
                named = annotated.getObject();
            }
        }
        PersonIdent tagger = annotated.getTaggerIdent();
        return new GitTag(name, named.name(), annotated.getFullMessage().stripTrailing(),
                tagger == null ? null : tagger.getWhenAsInstant());
    }

    private String fileAt(RevTree tree, String path) throws IOException {
        try (TreeWalk entry = TreeWalk.forPath(repository, path, tree)) {
            return entry != null && isFile(entry) ? text(entry.getObjectId(0)) : null;
        }
    }

    private static boolean isFile(TreeWalk tree) {
        return (tree.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
    }

    private String text(ObjectId blob) throws IOException {
        return new String(repository.open(blob).getBytes(), StandardCharsets.UTF_8);
    }
}
