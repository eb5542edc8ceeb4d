package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.StoredExecution;
import io.micronaut.core.util.clhm.ConcurrentLinkedHashMap;

import java.util.Map;
import java.util.Optional;

/**
 * The copy of each execution that this process last wrote, so that the message of the step it has just sent, when
 * it comes back to the same (warm) worker, can start from that copy instead of reading it again. Nothing is decided
 * on a copy alone: the step's first commit is conditional on the copy's version, and a copy that another process
 * has since changed fails that condition and is read again. A write that fails other than by losing that race drops
 * the copy: it may have landed with its answer lost, and a copy older than the store's would refuse the step's next
 * delivery as busy under a lease the write cleared. Bounded: the least recently used copies go first.
 */
final class RecentExecutions {

    private final Map<String, StoredExecution> copies;

    RecentExecutions(int capacity) {
        this.copies = new ConcurrentLinkedHashMap.Builder<String, StoredExecution>()
                .maximumWeightedCapacity(capacity).build();
    }

    /** The remembered copy in which {@code token} is a step to run now, if there is one. */
    Optional<StoredExecution> current(TeamId team, String id, String token) {
        StoredExecution copy = copies.get(key(team, id));
        if (copy == null) {
            return Optional.empty();
        }
        Execution execution = copy.execution();
        return execution.isLive(token) && !execution.status().isFinal()
                ? Optional.of(copy) : Optional.empty();
    }

    /** Remembers {@code written} unless a later version is remembered already. */
    void remember(TeamId team, StoredExecution written) {
        copies.merge(key(team, written.execution().id()), written, (old, copy) -> version(copy) >= version(old)
                ? copy : old);
    }

    void forget(TeamId team, String id) {
        copies.remove(key(team, id));
    }

    private static long version(StoredExecution copy) {
        return copy.version() == null ? -1 : copy.version();
    }

    private static String key(TeamId team, String id) {
        return team.value() + '\n' + id;
    }
}
