package dev.athanor.local.platform;

import dev.athanor.core.pipeline.StepObserver;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.factory.jobs.FactoryJobs;
import dev.athanor.factory.jobs.FactoryPipeline;
import dev.athanor.factory.jobs.JobView;
import dev.athanor.local.LocalFunctions;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.StepQueue;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Benchmark of the pipeline engine (bench/pipeline-steps.sh runs it): factory jobs on the embedded stack with the
 * sandbox model, the worker handler fed by {@code pollers} SQS pollers. Reports the engine's own time per step (a
 * step's handling minus the executor's LLM call and artifact writes) and jobs per minute with {@code jobs} jobs
 * started at once. A warm-up round of the same size runs first and is not counted.
 * Then the stand-ins' own time per call, for comparison.
 */
public final class PipelineBench {

    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 5);

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int pollers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path keys = Files.createTempDirectory("athanor-bench");
        try (LocalStack stack = LocalStack.start(LocalStackExtension.template(), null)) {
            Map<String, Object> properties = Map.of(
                    "athanor.crypto.local-key-file", keys.resolve("data-key").toString());
            ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
            // given before the start: the function's singletons are created eagerly, the engine among them
            try (ApplicationContext worker = LocalFunctions.contextBuilder(stack, "FactoryWorkerFunction", properties)
                    .singletons(new Samples(samples)).start()) {
                FactoryJobs factory = worker.getBean(FactoryJobs.class);
                QueueWorker handler = new QueueWorker(worker);
                long wall;
                try (BenchPollers ignored = new BenchPollers(stack, "FactoryWorkQueue", handler, pollers)) {
                    for (int i = 0; i < WARMUP_ROUNDS; i++) { // the JIT compiles the stand-ins' and the engine's paths
                        round(factory, TeamId.of("bench-warmup-" + i), jobs, samples);
                    }
                    samples.clear();
                    wall = round(factory, TeamId.of("bench-measured"), jobs, samples);
                }
                report(jobs, pollers, wall, new ArrayList<>(samples));
                floor(worker, TeamId.of("bench-measured"));
            }
        }
        // a stand-in leaves a non-daemon thread behind, which would keep the JVM (and the script) running
        System.exit(0);
    }

    /**
     * Starts {@code count} jobs at once and waits until all have ended; returns the wall time in nanoseconds, until
     * the last step ended. Looks at the jobs twice a second only: listing them is work for the same stand-ins.
     */
    private static long round(FactoryJobs factory, TeamId team, int count, ConcurrentLinkedQueue<long[]> samples)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            factory.create(team, Map.of("name", "Bench App " + i, "description", "A todo list app with sync"));
        }
        Set<String> ended = Set.of("completed", "failed", "cancelled");
        while (true) {
            List<JobView> all = factory.all(team);
            long done = all.stream().filter(j -> ended.contains(j.status())).count();
            if (done == count) {
                long failed = all.stream().filter(j -> !j.status().equals("completed")).count();
                if (failed > 0) {
                    throw new IllegalStateException(failed + " jobs did not complete: " + all);
                }
                return samples.stream().mapToLong(sample -> sample[2]).max().orElseThrow() - start;
            }
            Thread.sleep(500);
        }
    }

    private static void report(int jobs, int pollers, long wallNanos, List<long[]> samples) {
        List<Long> engine = new ArrayList<>();
        List<Long> executor = new ArrayList<>();
        samples.forEach(s -> {
            engine.add(s[0]);
            executor.add(s[1]);
        });
        Collections.sort(engine);
        Collections.sort(executor);
        double minutes = wallNanos / 60e9;
        System.out.printf("jobs=%d pollers=%d steps=%d wall=%.1fs jobs_per_minute=%.1f%n", jobs, pollers,
                samples.size(), wallNanos / 1e9, jobs / minutes);
        System.out.printf("engine_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", ms(engine, 0.50), ms(engine, 0.90),
                ms(engine, 0.99), ms(engine, 1.0));
        System.out.printf("executor_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", ms(executor, 0.50),
                ms(executor, 0.90), ms(executor, 0.99), ms(executor, 1.0));
    }

    /**
     * The stand-ins' own time per call, one call at a time with nothing else running: the calls an engine step makes
     * (the execution read, a conditional commit of the same item, a step message sent, an activity entry written).
     */
    private static void floor(ApplicationContext worker, TeamId measured) throws IOException {
        ExecutionStore store = worker.getBean(ExecutionStore.class);
        StepQueue queue = worker.getBean(StepQueue.class);
        ActivityLog activity = worker.getBean(ActivityLog.class);
        String slug = worker.getBean(FactoryJobs.class).list(measured, PageRequest.first(1)).items().get(0).slug();
        StoredExecution job = store.find(measured, FactoryPipeline.executionId(slug)).orElseThrow();
        TeamId team = TeamId.of("bench-floor");
        StoredExecution[] copy = {store.create(team, new StoredExecution(team.value(), job.execution(), job.outbox(),
                null, null, job.createdAt(), job.updatedAt(), null, null, job.labels()))};
        Command step = Command.runStep("floor-token", job.execution().current(), 1, 0);
        int[] entries = {0};
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("execution_read", () -> store.find(team, job.execution().id()).orElseThrow());
        calls.put("conditional_commit", () -> copy[0] = store.save(team, copy[0].next(copy[0].execution(),
                copy[0].outbox(), "floor", null, Instant.now())));
        calls.put("step_message_sent", () -> queue.send(team, "none", "none", step));
        calls.put("activity_entry", () -> activity.append(team, new ActivityEntry("floor-" + entries[0]++,
                Instant.now(), "step_passed", "qa", "floor", "passed", "floor", null, 1L)));
        System.out.printf("execution JSON of a finished job: %d bytes%n",
                worker.getBean(JsonMapper.class).writeValueAsBytes(job.execution()).length);
        calls.forEach((name, call) -> {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long start = System.nanoTime();
                call.run();
                if (i >= 100) {
                    times.add(System.nanoTime() - start);
                }
            }
            Collections.sort(times);
            System.out.printf("floor %s_ms p50=%.1f p90=%.1f%n", name, ms(times, 0.5), ms(times, 0.9));
        });
    }

    /** Collects (engine, executor, when it ended) nanoseconds per step. */
    private record Samples(ConcurrentLinkedQueue<long[]> samples) implements StepObserver {
        @Override
        public void stepRan(String pipeline, String state, long engineNanos, long executorNanos) {
            samples.add(new long[]{engineNanos, executorNanos, System.nanoTime()});
        }
    }

    /** The quantile of nanoseconds sorted ascending, in milliseconds. */
    static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
