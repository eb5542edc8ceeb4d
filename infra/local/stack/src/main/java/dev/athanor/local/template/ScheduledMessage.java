package dev.athanor.local.template;

import java.time.Duration;

/** An EventBridge schedule rule whose target is a queue of the template: {@code body} sent to it every {@code rate}. */
public record ScheduledMessage(String ruleId, String queueId, String queueUrl, String body, Duration rate) {
}
