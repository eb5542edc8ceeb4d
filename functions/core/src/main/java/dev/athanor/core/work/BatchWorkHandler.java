package dev.athanor.core.work;

import dev.athanor.model.work.WorkMessage;

import java.util.List;
import java.util.Set;

/**
 * Handles every message of one type in an SQS batch in a single call, for work that is cheaper done together (one
 * database batch instead of one write per message). The same at-least-once rules as {@link WorkHandler} apply.
 */
public interface BatchWorkHandler {

    String type();

    /**
     * @param messages the batch's messages of this type, in the order they came
     * @return the ids of the messages that failed, to be retried; throwing fails all of them
     */
    Set<String> handleBatch(List<WorkMessage> messages) throws Exception;
}
