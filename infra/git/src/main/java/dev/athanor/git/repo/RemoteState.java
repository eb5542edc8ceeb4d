package dev.athanor.git.repo;

import io.micronaut.core.annotation.Nullable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

import java.util.List;
import java.util.Map;

/**
 * The remote as one listing saw it: its default branch (what HEAD names), that branch's head ({@code null} while the
 * repository has no commits) and its branches and tags.
 */
record RemoteState(String defaultBranch, @Nullable ObjectId head, Map<String, Ref> refs) {

    boolean isEmpty() {
        return head == null;
    }

    boolean hasBranch(String branch) {
        return refs.containsKey(Constants.R_HEADS + branch);
    }

    List<Ref> tags() {
        return refs.values().stream().filter(ref -> ref.getName().startsWith(Constants.R_TAGS)).toList();
    }

    /** The same listing with the head a later fetch found (the branch may have moved in between). */
    RemoteState withHead(ObjectId fetched) {
        return new RemoteState(defaultBranch, fetched, refs);
    }
}
