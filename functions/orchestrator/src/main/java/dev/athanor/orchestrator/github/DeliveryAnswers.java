package dev.athanor.orchestrator.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** What a GitHub delivery is answered with; GitHub shows it beside the delivery in the webhook's settings. */
final class DeliveryAnswers {

    private DeliveryAnswers() {
    }

    /** The status and the body of an answer. */
    record Answer(HttpStatus status, Object body) {
    }

    /** The task: made by this delivery (201), or by an earlier one (200). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record TaskMade(String taskId, String taskType, String status) {
    }

    /** A delivery that makes no task, and why (202). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Ignored(String ignored) {
    }

    /** The answer to GitHub's ping, sent when a webhook is added (200). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Pong(boolean ok, @Nullable String zen, String projectId) {
    }
}
