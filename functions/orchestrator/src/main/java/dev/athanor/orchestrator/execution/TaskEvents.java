package dev.athanor.orchestrator.execution;

import dev.athanor.live.LiveEvents;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live events of a task's changes: {@code task_update} on every change of its status or iteration, and as an
 * iteration is judged {@code hrm_impact_update} (cost so far and where it is heading), {@code hrm_checkpoint_reached}
 * (for each supervision checkpoint the run's progress passed), {@code feedback_loop} (when it iterates again) and
 * {@code agent_switch} (when the next iteration, or this one by fallback, goes to another agent), then the
 * {@code task_update} of the judgement, so a run's final status is its last event.
 */
@Singleton
class TaskEvents {

    static final String SWITCH_FALLBACK = "agent_unavailable";
    static final String SWITCH_QUALITY = "quality_dropped";
    static final String SWITCH_ROUND_ROBIN = "round_robin";

    private final LiveEvents live;

    TaskEvents(LiveEvents live) {
        this.live = live;
    }

    /** The events queue did not take a change's events. */
    static final class NotPublished extends RuntimeException {
        NotPublished(RuntimeException cause) {
            super("The task's live events were not published: " + cause.getMessage(), cause);
        }
    }

    private static void publish(LiveEvents.Batch batch) {
        try {
            batch.publish();
        } catch (RuntimeException e) {
            throw new NotPublished(e);
        }
    }

    /**
     * A change made outside a step: {@code created}, {@code retried}, or {@code end} (a cancel through the API and
     * the engine's end of that run report the same end, under the same event id).
     *
     * @param strict whether a failure to publish throws (a worker, whose delivery is then retried) or is only logged
     *               (a request, whose change stands)
     */
    void changed(TeamId team, OrchestratorTask task, String why, boolean strict) {
        LiveEvents.Batch batch = live.about(team, task.projectId(), task.id(), task.id() + "/" + task.runs() + "/"
                + why + "/" + task.status().wireName()).add("task_update", update(task));
        if (strict) {
            publish(batch);
        } else {
            batch.publishQuietly();
        }
    }

    /** An iteration was generated, by another agent than planned when {@code fallbackReason} is set. */
    void generated(TeamId team, OrchestratorTask task, String token, String planned, String agent,
                   String fallbackReason) {
        LiveEvents.Batch batch = live.about(team, task.projectId(), task.id(), token);
        if (fallbackReason != null) {
            batch.add("agent_switch", agentSwitch(task, planned, agent, SWITCH_FALLBACK, fallbackReason));
        }
        publish(batch.add("task_update", update(task)));
    }

    /** An iteration was judged; the task as recorded, and what follows. */
    void judged(TeamId team, OrchestratorTask task, String token, HrmConfig config, TaskIteration iteration,
                boolean again, String nextAgent, String switchReason, String why) {
        LiveEvents.Batch batch = live.about(team, task.projectId(), task.id(), token)
                .add("hrm_impact_update", Map.of("task_id", task.id(), "metrics", impact(task, iteration)));
        List<String> suggestions = suggestions(iteration.feedback());
        double quality = quality(iteration);
        int max = Math.max(1, config.mlIterationPrediction().maxIterations());
        double before = (iteration.iteration() - 1) / (double) max;
        double progress = Math.min(1.0, iteration.iteration() / (double) max);
        if (config.deepSupervision().enabled()) {
            for (double checkpoint : config.deepSupervision().checkpoints()) {
                if (checkpoint > before && checkpoint <= progress) {
                    Map<String, Object> reached = new LinkedHashMap<>();
                    reached.put("progress", checkpoint);
                    reached.put("quality", quality);
                    reached.put("passed", quality >= config.deepSupervision().qualityGateThreshold());
                    reached.put("suggestions", suggestions);
                    batch.add("hrm_checkpoint_reached", Map.of("task_id", task.id(), "checkpoint", reached));
                }
            }
        }
        if (again) {
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("task_id", task.id());
            loop.put("iteration", iteration.iteration());
            loop.put("quality_score", quality);
            loop.put("suggestions", suggestions);
            batch.add("feedback_loop", loop);
        }
        if (switchReason != null) {
            batch.add("agent_switch", agentSwitch(task, iteration.agent(), nextAgent, switchReason, why));
        }
        // last: a task's final status is the last event of its run
        publish(batch.add("task_update", update(task)));
    }

    static Map<String, Object> update(OrchestratorTask task) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task_id", task.id());
        fields.put("status", task.status().wireName());
        fields.put("current_iteration", task.currentIteration());
        fields.put("current_quality", task.currentQuality());
        fields.put("project_id", task.projectId());
        fields.put("run", task.runs());
        fields.put("assigned_agent", task.assignedAgent());
        fields.put("max_iterations", task.maxIterations());
        fields.put("agent_switches", task.agentSwitches());
        fields.put("final_quality", task.finalQuality());
        fields.put("actual_cost", task.actualCost());
        fields.put("error", task.error());
        return fields;
    }

    private static Map<String, Object> agentSwitch(OrchestratorTask task, String from, String to, String reason,
                                                   String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task_id", task.id());
        fields.put("from_agent", from);
        fields.put("to_agent", to);
        fields.put("reason", reason);
        fields.put("detail", detail);
        return fields;
    }

    /**
     * Cost so far in this run; the final cost predicted at this run's pace up to its iteration limit (what it spent,
     * once it has ended); tokens used; and the quality the next iteration is heading for at the last step's trend.
     */
    private static Map<String, Object> impact(OrchestratorTask task, TaskIteration latest) {
        List<TaskIteration> run = task.iterationsOf(latest.run());
        double cost = run.stream().mapToDouble(TaskIteration::cost).sum();
        long tokens = run.stream().mapToLong(TaskIteration::tokens).sum();
        int max = Math.max(latest.iteration(), task.maxIterations());
        double predicted = task.status().finished() ? cost : cost / latest.iteration() * max;
        double now = quality(latest);
        double previous = run.size() < 2 ? now : quality(run.get(run.size() - 2));
        double trajectory = Math.max(0, Math.min(1, now + (now - previous)));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("current_cost", TaskWrites.round(cost));
        metrics.put("predicted_final_cost", TaskWrites.round(predicted));
        metrics.put("tokens_used", tokens);
        metrics.put("quality_trajectory", Math.round(trajectory * 1000) / 1000.0);
        return metrics;
    }

    private static double quality(TaskIteration iteration) {
        return iteration.quality() == null ? 0 : iteration.quality();
    }

    /** The judge's feedback as a list: one suggestion per line, without bullets or numbering. */
    static List<String> suggestions(String feedback) {
        if (feedback == null || feedback.isBlank()) {
            return List.of();
        }
        return Arrays.stream(feedback.split("\\R"))
                .map(line -> line.strip().replaceFirst("^([-*•]|\\d+[.)])\\s*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
