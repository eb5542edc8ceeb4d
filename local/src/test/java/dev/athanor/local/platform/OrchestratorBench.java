package dev.athanor.local.platform;

import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.core.pipeline.StepObserver;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalFunctions;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.orchestrator.execution.TaskPipeline;
import dev.athanor.orchestrator.execution.TaskRuns;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.athanor.local.platform.PipelineBench.ms;

/**
 * Benchmark of the orchestrator's tasks on the pipeline engine (bench/orchestrator-tasks.sh runs it): {@code tasks}
 * tasks started at once on the embedded stack with the sandbox as every agent and as the judge, the orchestrator's
 * worker handler fed by {@code pollers} SQS pollers. The sandbox judge scores every result 0.5, under the default
 * gate of 0.75, so each task runs all 7 iterations of the default HRM config (generate and judge each) and its finish
 * step: 15 steps, the longest a task runs by default. Reports the engine's own time per step and per iteration (a
 * step's handling minus the executor's LLM calls, task writes and artifact reads and writes) and tasks per minute. A
 * warm-up of the same size runs first and is not counted.
 */
public final class OrchestratorBench {

    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 3);

    private OrchestratorBench() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int pollers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path keys = Files.createTempDirectory("athanor-bench");
        try (LocalStack stack = LocalStack.start(LocalStackExtension.template(), null)) {
            Map<String, Object> properties = Map.of(
                    "athanor.crypto.local-key-file", keys.resolve("data-key").toString());
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            try (ApplicationContext worker = LocalFunctions.contextBuilder(stack, "OrchestratorWorkerFunction",
                    properties).singletons(new Samples(samples)).start()) {
                QueueWorker handler = new QueueWorker(worker);
                long wall;
                try (BenchPollers ignored = new BenchPollers(stack, "OrchestratorWorkQueue", handler, pollers)) {
                    for (int i = 0; i < WARMUP_ROUNDS; i++) {
                        round(worker, TeamId.of("bench-warmup-" + i), tasks, samples);
                    }
                    samples.clear();
                    wall = round(worker, TeamId.of("bench-measured"), tasks, samples);
                }
                report(tasks, pollers, wall, new ArrayList<>(samples));
            }
        }
        System.exit(0); // a stand-in leaves a non-daemon thread behind
    }

    /** Starts {@code count} tasks at once and waits until all have ended; returns the wall time in nanoseconds. */
    private static long round(ApplicationContext worker, TeamId team, int count, ConcurrentLinkedQueue<Sample> samples)
            throws InterruptedException {
        TaskRuns runs = worker.getBean(TaskRuns.class);
        TaskStore store = worker.getBean(TaskStore.class);
        PipelineEngine engine = worker.getBean(PipelineEngine.class);
        String project = UUID.randomUUID().toString();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            OrchestratorTask task = new OrchestratorTask(UUID.randomUUID().toString(), project, null, "Bench " + i,
                    "Write a function that parses ISO dates, with tests", List.of(), TaskStatus.PENDING, "gemini", 0,
                    0, 7, 0, null, false, 0, null, null, null, 0, null, now, now);
            runs.start(team, task, "gemini");
        }
        while (true) {
            List<OrchestratorTask> all = store.list(team, project, null, 1, 100).items();
            // a task ends at its last judgement; its run ends with the finish step after it
            if (all.size() == count && all.stream().allMatch(t -> t.status().finished() && engine.find(team,
                    TaskPipeline.executionId(t.id(), 1)).orElseThrow().execution().status().isFinal())) {
                long notSeven = all.stream().filter(t -> t.iterations().size() != 7).count();
                if (notSeven > 0) {
                    throw new IllegalStateException(notSeven + " tasks did not run 7 iterations: " + all);
                }
                return samples.stream().mapToLong(Sample::endedAt).max().orElseThrow() - start;
            }
            Thread.sleep(500);
        }
    }

    private static void report(int tasks, int pollers, long wallNanos, List<Sample> samples) {
        System.out.printf("tasks=%d pollers=%d steps=%d wall=%.1fs tasks_per_minute=%.1f iterations_per_second=%.1f%n",
                tasks, pollers, samples.size(), wallNanos / 1e9, tasks / (wallNanos / 60e9),
                tasks * 7 / (wallNanos / 1e9));
        double perIteration = 0;
        for (String state : List.of("generate", "judge", "finish")) {
            List<Long> engine = new ArrayList<>();
            List<Long> executor = new ArrayList<>();
            samples.stream().filter(s -> s.state().equals(state)).forEach(s -> {
                engine.add(s.engineNanos());
                executor.add(s.executorNanos());
            });
            Collections.sort(engine);
            Collections.sort(executor);
            System.out.printf("%s steps=%d engine_ms p50=%.1f p90=%.1f p99=%.1f executor_ms p50=%.1f%n", state,
                    engine.size(), ms(engine, 0.5), ms(engine, 0.9), ms(engine, 0.99), ms(executor, 0.5));
            perIteration += state.equals("finish") ? 0 : ms(engine, 0.5);
        }
        System.out.printf("per_iteration engine_ms p50(generate) + p50(judge)=%.1f%n", perIteration);
    }

    private record Sample(String state, long engineNanos, long executorNanos, long endedAt) {
    }

    private record Samples(ConcurrentLinkedQueue<Sample> samples) implements StepObserver {
        @Override
        public void stepRan(String pipeline, String state, long engineNanos, long executorNanos) {
            if (TaskPipeline.ID.equals(pipeline)) {
                samples.add(new Sample(state, engineNanos, executorNanos, System.nanoTime()));
            }
        }
    }
}
