package dev.athanor.local.chaos;

import dev.athanor.factory.jobs.FactoryJobs;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.StepRecord;
import dev.athanor.model.pipeline.StepStatus;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.eval.EvalRequest;
import dev.athanor.promptlab.eval.PromptEvalPipeline;
import dev.athanor.promptlab.eval.PromptEvaluations;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Faults lose nothing, measured. 50 factory jobs and 50 prompt-lab evaluations run on the embedded stack through the
 * real worker handlers, whose deliveries this test drives from the work queues as the SQS event source would (the
 * factory's worker with two invocations at once, the prompt lab's with one), while a seeded fault injector
 * (decorators of the workers' ports, test sources only: {@link FaultyStepExecutors}, {@link FaultyExecutionStore},
 * {@link FaultyStepQueue}):
 * <ul>
 *   <li>makes 10% of step deliveries fail at one of four points: before the model call (StepStarted committed, the
 *   executor not run), after the model call (the executor ran, nothing committed), after the commit (the result
 *   committed, its commands not carried out), after the send (the next step's message sent, the delivery not
 *   acknowledged); a failed delivery's message comes back, as after its visibility timeout;</li>
 *   <li>delivers 20% of messages twice (received twice: the second delivery has the next receive count), at once
 *   on two threads or one after the other; a message is acknowledged when one of its deliveries succeeded;</li>
 *   <li>makes 10% of the starts (API calls) fail after the execution's create commit, before the first step's
 *   message is sent: only the sweep can get those going;</li>
 *   <li>restarts each worker twice: the delivery under way dies at a random point (an {@link Error}: none of the
 *   engine's clean-up runs, so a lease may stay held), the context is closed and a new one started; the messages
 *   left in flight come back after the queue's visibility timeout, and the new worker's clock starts that much
 *   later, so leases held by the dead process have expired.</li>
 * </ul>
 * The workers' clocks are virtual ({@link VirtualClock}: real time plus an offset that only moves forward): when a
 * queue is idle while executions have not ended, time moves on by the sweep's delay and the schedule's sweep message
 * is delivered. A crash on a message's last allowed delivery is never planned: five failures of one message are the
 * designed way to the dead-letter queue, not a fault to recover from.
 * <p>
 * Every job and evaluation must then end completed, each phase with exactly one committed result and each sample
 * with exactly one result, no message may reach a dead-letter queue, every failed delivery must be an injected crash
 * or a delivery refused while another ran the same step, and metering must hold its invariant: <b>every model call
 * the workers made is metered exactly once</b>. A call whose delivery died after the call and before the commit was
 * made and billed: it is metered, and the retry's call is metered as a call of its own. What must never happen is
 * one call metered twice (a redelivered step or usage message adding a second row for a call already counted) or a
 * call left unmetered. So, per job and per evaluation: usage-ledger rows = usage events published = model calls
 * made = calls of the committed results (one per factory phase, two per sample: the answer and its judge) + the
 * calls of the runs a crash kept from being committed. (A restart closes its context, which sends the usage events
 * still buffered; a process killed outright would lose those, so for a kill the guarantee is at most once.)
 * <p>
 * The seed is printed; {@code -Dchaos.seed=N} makes the same decisions for the same deliveries again.
 */
@ExtendWith(LocalStackExtension.class)
class ChaosIT {

    static final int JOBS = 50;
    static final int EVALS = 50;
    static final int SAMPLES = 5;
    /** One sample per map item: five items, four sent at once and the fifth by the first to finish. */
    static final int BATCH = 1;
    static final List<String> SCORING = List.of("relevance");
    static final double CRASH_RATE = 0.10;
    static final double DUPLICATE_RATE = 0.20;
    static final double START_CRASH_RATE = 0.10;
    static final int RESTARTS = 2;
    /** Concurrent invocations of each worker: the factory's long run gets two; an evaluation's items, run one at a
     * time here, keep each executor run's calls apart for the metering check. */
    static final int FACTORY_THREADS = 2;
    static final int PROMPT_LAB_THREADS = 1;
    /** Factory phases that run with the sandbox (repair is skipped: no verdict fails). */
    static final int FACTORY_STEPS = 12;
    /** Evaluation steps: one per batch, then the aggregate. */
    static final int EVAL_STEPS = SAMPLES / BATCH + 1;

    static final String FACTORY = "factory";
    static final String PROMPT_LAB = "prompt-lab";

    @Test
    void fifty_jobs_and_fifty_evaluations_end_completed_with_one_result_each_and_every_call_metered_once()
            throws Exception {
        long seed = Long.getLong("chaos.seed", ThreadLocalRandom.current().nextLong(1, 1_000_000_000));
        System.out.println("ChaosIT seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
        long began = System.nanoTime();
        TeamId team = TeamId.of("chaos-" + seed + "-" + Long.toHexString(System.nanoTime()));
        Faults.reset();
        for (String queue : List.of("FactoryWorkQueue", "PromptLabWorkQueue", "UsageQueue",
                "FactoryWorkDeadLetterQueue", "PromptLabWorkDeadLetterQueue")) {
            // what other tests of this JVM left behind is not part of this run
            sqs().purgeQueue(r -> r.queueUrl(stack().resources().queueUrl(queue)));
        }

        WorkerDriver factory = new WorkerDriver(FACTORY, "FactoryWorkerFunction", "FactoryWorkQueue", Map.of(), team,
                seed, FACTORY_THREADS, JOBS * FACTORY_STEPS, ChaosIT::startJobs);
        WorkerDriver lab = new WorkerDriver(PROMPT_LAB, "PromptLabWorkerFunction", "PromptLabWorkQueue",
                Map.of("athanor.prompt-lab.eval.batch-size", BATCH), team, seed, PROMPT_LAB_THREADS,
                EVALS * EVAL_STEPS, ChaosIT::startEvaluations);
        ExecutorService drivers = Executors.newFixedThreadPool(3);
        try (DeliveryFailures failures = new DeliveryFailures()) {
            Future<WorkerDriver.Result> factoryRun = drivers.submit(factory::run);
            Future<WorkerDriver.Result> labRun = drivers.submit(lab::run);
            Future<LedgerDriver> ledgerStarting = drivers.submit(() -> new LedgerDriver(team, seed));
            // bounds a broken run only
            WorkerDriver.Result jobs = factoryRun.get(10, TimeUnit.MINUTES);
            WorkerDriver.Result evals = labRun.get(10, TimeUnit.MINUTES);
            long ranNanos = System.nanoTime() - began;

            LedgerDriver.Rows ledger = ledgerStarting.get(1, TimeUnit.MINUTES).drain();
            report(seed, factory, lab, jobs, evals, ledger, failures, ranNanos, System.nanoTime() - began);
            Set<String> unexpected = new TreeSet<>(failures.byCause().keySet());
            unexpected.removeAll(Set.of("InjectedCrash", "StepBusyException"));
            assertEquals(Set.of(), unexpected, "deliveries failed only where a crash was injected or while another "
                    + "delivery ran the step: " + failures.examples());
            checkJobs(jobs);
            checkEvaluations(evals);
            checkMetering(FACTORY, jobs, ledger, FACTORY_STEPS);
            checkMetering(PROMPT_LAB, evals, ledger, SAMPLES * (1 + SCORING.size()));
            assertEquals(0, dead("FactoryWorkDeadLetterQueue") + dead("PromptLabWorkDeadLetterQueue"),
                    "no step message reached a dead-letter queue");
        } finally {
            drivers.shutdownNow();
        }
    }

    // ---- starts ----

    /** Starts the factory jobs; returns their execution ids. */
    private static List<String> startJobs(WorkerDriver surface) {
        FactoryJobs jobs = surface.context.getBean(FactoryJobs.class);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= JOBS; i++) {
            String name = String.format("Chaos Job %02d", i);
            ids.add(surface.start(i, () -> jobs.create(surface.team, Map.of("name", name,
                    "description", "A todo list app"))));
        }
        return ids;
    }

    /** Starts the evaluations (xsum, one scoring function, the sandbox as model and judge); returns their ids. */
    private static List<String> startEvaluations(WorkerDriver surface) {
        PromptEvaluations evaluations = surface.context.getBean(PromptEvaluations.class);
        Instant now = Instant.now();
        PromptProject project = new PromptProject(1, "chaos", "sandbox", null, null, null, null, now, now);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= EVALS; i++) {
            ids.add(surface.start(i, () -> evaluations.start(surface.team, project, new EvalRequest(
                    "Summarize: {{text}}", null, "xsum", SAMPLES, SCORING, Map.of(), "sandbox", null, null))));
        }
        return ids;
    }

    static String surfaceOf(String pipeline) {
        return PromptEvalPipeline.ID.equals(pipeline) ? PROMPT_LAB : FACTORY;
    }

    /** The job a call is metered under: the factory job's slug, or the evaluation's id. */
    static String jobOf(Execution execution) {
        return PromptEvalPipeline.ID.equals(execution.pipeline()) ? execution.vars().get("eval_id")
                : execution.vars().get("slug");
    }

    /** A random stream for one decision, derived from the seed and what is decided, whatever the threads' order. */
    static SplittableRandom decision(long seed, String what) {
        long h = seed;
        for (int i = 0; i < what.length(); i++) {
            h = h * 1_000_003L + what.charAt(i);
        }
        return new SplittableRandom(h);
    }

    // ---- checks ----

    private static void checkJobs(WorkerDriver.Result jobs) {
        assertEquals(JOBS, jobs.executions().size());
        for (StoredExecution stored : jobs.executions().values()) {
            Execution job = stored.execution();
            assertEquals("SUCCEEDED", job.status().name(), job.id() + ": " + job.error());
            for (Map.Entry<String, StepRecord> phase : phaseRecords(job).entrySet()) {
                StepRecord step = phase.getValue();
                if (phase.getKey().equals("repair")) {
                    assertEquals(StepStatus.SKIPPED, step.status(), job.id() + " repair");
                    assertEquals(0, step.commits(), job.id() + " repair");
                } else {
                    assertEquals(StepStatus.PASSED, step.status(), job.id() + " " + phase.getKey());
                    assertEquals(1, step.commits(), job.id() + " " + phase.getKey() + ": one committed result");
                }
            }
        }
    }

    /** The task states of the factory pipeline (its phases), with what happened to each. */
    private static Map<String, StepRecord> phaseRecords(Execution job) {
        Map<String, StepRecord> phases = new LinkedHashMap<>();
        job.steps().forEach((state, step) -> {
            if (!state.endsWith("_review") && !state.endsWith("_needed") && !state.endsWith("_check")
                    && !state.endsWith("_gate")) {
                phases.put(state, step);
            }
        });
        assertEquals(FACTORY_STEPS + 1, phases.size(), "13 phases: " + phases.keySet());
        return phases;
    }

    private static void checkEvaluations(WorkerDriver.Result evals) {
        assertEquals(EVALS, evals.executions().size());
        for (StoredExecution stored : evals.executions().values()) {
            Execution run = stored.execution();
            assertEquals("SUCCEEDED", run.status().name(), run.id() + ": " + run.error());
            assertEquals(1, run.step("score").commits(), run.id() + ": the map committed once");
            assertEquals(1, run.step("aggregate").commits(), run.id() + ": the aggregate committed once");
        }
        for (Evaluation evaluation : evals.evaluations().values()) {
            assertEquals(Evaluation.COMPLETED, evaluation.status(), evaluation.id() + ": " + evaluation.error());
            assertEquals(SAMPLES, evaluation.aggregates().total(), evaluation.id());
            assertEquals(SAMPLES, evaluation.aggregates().passed(), evaluation.id());
            List<Integer> indexes = evaluation.samples().stream().map(Evaluation.SampleResult::index).toList();
            assertEquals(java.util.stream.IntStream.range(0, SAMPLES).boxed().toList(), indexes,
                    evaluation.id() + ": exactly one result per sample");
        }
    }

    /**
     * Per job: ledger rows = usage events published = model calls = calls of the committed results + calls of the
     * runs a crash kept from being committed.
     */
    private static void checkMetering(String surface, WorkerDriver.Result result, LedgerDriver.Rows ledger,
                                      long committedCallsPerJob) {
        for (StoredExecution stored : result.executions().values()) {
            String job = jobOf(stored.execution());
            String key = Faults.key(surface, job);
            long calls = Faults.calls(surface, job);
            long uncommitted = Faults.FIRED.stream().filter(f -> f.point() == Faults.Point.AFTER_CALL
                    && stored.execution().id().equals(f.execution())).mapToLong(Faults.Fired::calls).sum();
            assertEquals(calls, ledger.rowsByJob().getOrDefault(key, 0L), key + ": one ledger row per model call");
            assertEquals(calls, Faults.PUBLISHED.getOrDefault(key, new AtomicLong()).get(),
                    key + ": one usage event per model call");
            assertEquals(committedCallsPerJob + uncommitted, calls,
                    key + ": the committed results' calls plus those of the runs that crashed before their commit");
        }
        assertEquals(0, ledger.failedRows(), "no call failed");
    }

    // ---- figures ----

    private static void report(long seed, WorkerDriver factory, WorkerDriver lab, WorkerDriver.Result jobs,
                               WorkerDriver.Result evals, LedgerDriver.Rows ledger,
                               DeliveryFailures failures, long ranNanos, long totalNanos) {
        StringBuilder out = new StringBuilder("\n==== ChaosIT figures (seed " + seed + ") ====\n");
        for (WorkerDriver s : List.of(factory, lab)) {
            WorkerDriver.Stats st = s.stats;
            Map<Faults.Point, Long> planned = new EnumMap<>(Faults.Point.class);
            st.planned.forEach((point, count) -> planned.put(point, count.get()));
            Map<Faults.Point, Long> fired = new EnumMap<>(Faults.Point.class);
            Map<Faults.Point, Long> deaths = new EnumMap<>(Faults.Point.class);
            Faults.FIRED.stream().filter(f -> f.surface().equals(s.name) && !f.start()).forEach(f ->
                    (f.death() ? deaths : fired).merge(f.point(), 1L, Long::sum));
            out.append(String.format("%s (%d invocations at once): step deliveries %d (duplicate deliveries %d, of "
                            + "which at once %d), failed deliveries %d, starts %d (crashed after the create commit "
                            + "%d), sweeps %d (idle time advances %d), worker restarts %d%n", s.name, s.threads,
                    st.deliveries.get(), st.duplicates.get(), st.duplicatesAtOnce.get(), st.failedDeliveries.get(),
                    st.starts.get(), st.startCrashes.get(), st.sweeps.get(), st.idleAdvances.get(),
                    st.restarts.get()));
            out.append(String.format("%s: crashes planned %s, fired %s (total %d); process deaths at restarts %s%n",
                    s.name, labels(planned), labels(fired), fired.values().stream().mapToLong(Long::longValue).sum(),
                    labels(deaths)));
            out.append(String.format("%s: step messages sent %d; worker contexts started in %.1f s, deliveries "
                            + "driven in %.1f s%n", s.name, Faults.SENT.getOrDefault(s.name, new AtomicLong()).get(),
                    st.contextNanos / 1e9, st.driveNanos / 1e9));
        }
        long jobsDone = jobs.executions().values().stream().filter(e -> e.execution().status().name()
                .equals("SUCCEEDED")).count();
        long evalsDone = evals.evaluations().values().stream().filter(e -> Evaluation.COMPLETED.equals(e.status()))
                .count();
        long phaseCommits = jobs.executions().values().stream().mapToLong(e -> phaseRecords(e.execution()).values()
                .stream().mapToLong(StepRecord::commits).sum()).sum();
        long phasesPassed = jobs.executions().values().stream().mapToLong(e -> phaseRecords(e.execution()).values()
                .stream().filter(p -> p.status() == StepStatus.PASSED).count()).sum();
        long samples = evals.evaluations().values().stream().mapToLong(e -> e.samples().size()).sum();
        long distinctSamples = evals.evaluations().values().stream().mapToLong(e -> e.samples().stream()
                .map(Evaluation.SampleResult::index).distinct().count()).sum();
        out.append(String.format("failed deliveries by cause: %s%n", failures.byCause()));
        out.append(String.format("outcomes: jobs completed %d/%d, evaluations completed %d/%d%n", jobsDone, JOBS,
                evalsDone, EVALS));
        out.append(String.format("committed: phases passed %d, phase commits %d (one per phase run); sample results "
                + "%d, distinct samples %d%n", phasesPassed, phaseCommits, samples, distinctSamples));
        for (String surface : List.of(FACTORY, PROMPT_LAB)) {
            long calls = Faults.CALLS.entrySet().stream().filter(e -> e.getKey().startsWith(surface + " "))
                    .mapToLong(e -> e.getValue().get()).sum();
            long published = Faults.PUBLISHED.entrySet().stream().filter(e -> e.getKey().startsWith(surface + " "))
                    .mapToLong(e -> e.getValue().get()).sum();
            long rows = ledger.rowsByJob().entrySet().stream().filter(e -> e.getKey().startsWith(surface + " "))
                    .mapToLong(Map.Entry::getValue).sum();
            long uncommitted = Faults.FIRED.stream().filter(f -> f.surface().equals(surface)
                    && f.point() == Faults.Point.AFTER_CALL).mapToLong(Faults.Fired::calls).sum();
            out.append(String.format("%s: model calls %d (of committed results %d, of runs that crashed before "
                    + "their commit %d), usage events published %d, ledger rows %d%n", surface, calls,
                    calls - uncommitted, uncommitted, published, rows));
        }
        out.append(String.format("ledger: %d usage batches, %d of them delivered twice; rows %d, failed calls %d%n",
                ledger.batches(), ledger.duplicateBatches(), ledger.rows(), ledger.failedRows()));
        out.append(String.format("time: run %.1f s, with the ledger %.1f s%n", ranNanos / 1e9, totalNanos / 1e9));
        System.out.println(out);
    }

    private static String labels(Map<Faults.Point, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (Faults.Point point : Faults.Point.values()) {
            named.put(point.label, counts.getOrDefault(point, 0L));
        }
        return named.toString();
    }

    private static long dead(String queueId) {
        return sqs().receiveMessage(r -> r.queueUrl(stack().resources().queueUrl(queueId)).maxNumberOfMessages(10)
                .waitTimeSeconds(0)).messages().size();
    }

    static LocalStack stack() {
        return LocalStackExtension.stack();
    }

    static SqsClient sqs() {
        return stack().sqs();
    }
}
