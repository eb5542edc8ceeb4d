package dev.athanor.factory.observability;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /api/tasks}: the team's factory LLM calls (all, succeeded, failed) and the newest activity entries.
 */
@Serdeable
public record TaskSummary(long total, long success, long failed, List<ActivityView> logs) {
}
