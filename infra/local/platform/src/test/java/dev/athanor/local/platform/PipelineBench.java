package dev.athanor.local.platform;

import dev.athanor.core.factory.FactoryJobs;
import dev.athanor.core.factory.JobView;
import dev.athanor.core.pipeline.StepObserver;
import dev.athanor.local.LocalFunctions;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.worker.WorkerHandler;
import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark of the pipeline engine (bench/pipeline-steps.sh runs it): factory jobs on the embedded stack with the
 * sandbox model, the worker handler fed by {@code pollers} SQS pollers. Reports the engine's own time per step (a
 * step's handling minus the executor's LLM call and artifact writes) and jobs per minute with {@code jobs} jobs
 * started at once. A warm-up round of the same size runs first and is not counted.
 */
public final class PipelineBench {

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
            try (ApplicationContext worker = LocalFunctions.contextBuilder(stack, "WorkerFunction", properties)
                    .singletons(new Samples(samples)).start()) {
                FactoryJobs factory = worker.getBean(FactoryJobs.class);
                WorkerHandler handler = new WorkerHandler(worker);
                QueueSubscription work = stack.resources().queueSubscriptions().stream()
                        .filter(s -> s.queueId().equals("WorkQueue")).findFirst().orElseThrow();
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < pollers; i++) {
                    SqsPoller poller = new SqsPoller(stack.sqs(), work, handler, new LocalLambdaContext("worker"),
                            LocalStack.REGION, 0);
                    Thread t = new Thread(() -> {
                        while (running.get()) {
                            poller.pollOnce(1);
                        }
                    }, "bench-poller-" + i);
                    t.start();
                    threads.add(t);
                }
                round(factory, "warmup", jobs);
                samples.clear();
                long wall = round(factory, "measured", jobs);
                running.set(false);
                for (Thread t : threads) {
                    t.join();
                }
                report(jobs, pollers, wall, new ArrayList<>(samples));
            }
        }
        // a stand-in leaves a non-daemon thread behind, which would keep the JVM (and the script) running
        System.exit(0);
    }

    /** Starts {@code count} jobs at once and waits until all have ended; returns the wall time in nanoseconds. */
    private static long round(FactoryJobs factory, String name, int count) throws InterruptedException {
        TeamId team = TeamId.of("bench-" + name + "-" + System.nanoTime());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            factory.create(team, Map.of("name", "Bench App " + i, "description", "A todo list app with sync"));
        }
        Set<String> ended = Set.of("completed", "failed", "cancelled");
        while (true) {
            List<JobView> all = factory.list(team);
            long done = all.stream().filter(j -> ended.contains(j.status())).count();
            if (done == count) {
                long failed = all.stream().filter(j -> !j.status().equals("completed")).count();
                if (failed > 0) {
                    throw new IllegalStateException(failed + " jobs did not complete: " + all);
                }
                return System.nanoTime() - start;
            }
            Thread.sleep(100);
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

    /** Collects (engine, executor) nanoseconds per step. */
    private record Samples(ConcurrentLinkedQueue<long[]> samples) implements StepObserver {
        @Override
        public void stepRan(String pipeline, String state, long engineNanos, long executorNanos) {
            samples.add(new long[]{engineNanos, executorNanos});
        }
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
