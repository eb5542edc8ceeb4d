package dev.athanor.orchestrator.execution;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.Map;

/**
 * The answer of {@code POST /api/orchestration/execute}, as documented: for a single iteration the agent's answer;
 * for a task started on a project, {@code content} is null and the figures are 0 until it runs.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ExecuteView(String taskId, String agent, @Nullable String content, long tokens, double cost,
                          double duration, String sessionId, String timestamp, Map<String, Object> metadata) {
}
