package dev.athanor.model.work;

import java.util.Map;

/**
 * One queued unit of work as the worker receives it. {@code type} (the message attribute {@code type}) picks the
 * handler; {@code receiveCount} says how many times SQS has delivered it, so handlers can tell a retry.
 */
public record WorkMessage(String messageId, String type, String body, int receiveCount, Map<String, String> attributes) {

    /** The message attribute that names the handler: every producer of queued work sets it (or a body field of that name). */
    public static final String TYPE_ATTRIBUTE = "type";
}
