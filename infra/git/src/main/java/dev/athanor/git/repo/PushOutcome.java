package dev.athanor.git.repo;

import io.micronaut.core.annotation.Nullable;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** How the host took one branch update: landed, or refused with its status and the host's words. */
record PushOutcome(RemoteRefUpdate.Status status, @Nullable String hostMessage) {

    boolean landed() {
        return status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE;
    }

    /** Refused because the branch is not where the push expected it (another writer moved, or made, it). */
    boolean branchMoved() {
        return status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED;
    }
}
