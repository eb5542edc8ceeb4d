package dev.athanor.local.chaos;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.athanor.core.pipeline.PipelineConfiguration;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.local.template.ScheduledMessage;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.promptlab.eval.PromptEvaluations;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.athanor.local.chaos.ChaosIT.CRASH_RATE;
import static dev.athanor.local.chaos.ChaosIT.DUPLICATE_RATE;
import static dev.athanor.local.chaos.ChaosIT.PROMPT_LAB;
import static dev.athanor.local.chaos.ChaosIT.RESTARTS;
import static dev.athanor.local.chaos.ChaosIT.START_CRASH_RATE;
import static dev.athanor.local.chaos.ChaosIT.decision;
import static dev.athanor.local.chaos.ChaosIT.jobOf;
import static dev.athanor.local.chaos.ChaosIT.sqs;
import static dev.athanor.local.chaos.ChaosIT.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One surface's worker function, fed from its work queue by {@code threads} threads, each standing for one
 * concurrent invocation of the function (they share one context, as invocations of a warm instance would share
 * its memory). Every decision (a delivery's crash point, whether it is delivered twice) derives from the seed and
 * the message (its step token, with the execution named by its start order, and receive count), so a seed makes
 * the same decisions for the same deliveries in whatever order the threads reach them.
 */
final class WorkerDriver {

    private static final int PER_RECEIVE = 5;
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /** What one surface's run left: its executions as they ended, and its evaluations (prompt lab). */
    record Result(Map<String, StoredExecution> executions, Map<String, Evaluation> evaluations) {
    }

    /** Counts of one surface's driver. */
    static final class Stats {
        final AtomicLong deliveries = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong duplicatesAtOnce = new AtomicLong();
        final AtomicLong failedDeliveries = new AtomicLong();
        final AtomicLong starts = new AtomicLong();
        final AtomicLong startCrashes = new AtomicLong();
        final AtomicLong sweeps = new AtomicLong();
        final AtomicLong idleAdvances = new AtomicLong();
        final AtomicLong restarts = new AtomicLong();
        long contextNanos;
        long driveNanos;
        final Map<Faults.Point, AtomicLong> planned = new ConcurrentHashMap<>();
    }

    final String name;
    final String functionId;
    final QueueSubscription work;
    final Map<String, Object> overrides;
    final TeamId team;
    final long seed;
    final int threads;
    final Function<WorkerDriver, List<String>> starter;
    final long[] restartAt = new long[RESTARTS];
    final Stats stats = new Stats();
    final Duration visibility;
    /** Deliveries hold it shared; restarts and idle sweeps hold it alone, so no step runs while time jumps. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger idleRounds = new AtomicInteger();
    volatile ApplicationContext context;
    private volatile QueueWorker worker;
    private volatile boolean done;
    private Duration clockOffset = Duration.ZERO;
    private int maxReceiveCount;
    private Duration sweepAfter;
    private List<String> executionIds;
    private final Map<String, Integer> ordinals = new ConcurrentHashMap<>();

    WorkerDriver(String name, String functionId, String queueId, Map<String, Object> overrides, TeamId team,
                 long seed, int threads, long expectedSteps, Function<WorkerDriver, List<String>> starter) {
        this.name = name;
        this.functionId = functionId;
        this.work = stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals(queueId)).findFirst().orElseThrow();
        this.overrides = overrides;
        this.team = team;
        this.seed = seed;
        this.threads = threads;
        this.starter = starter;
        // a restart somewhere in the first half of each third of the run after the first
        SplittableRandom random = decision(seed, name + " restarts");
        for (int i = 0; i < RESTARTS; i++) {
            long from = expectedSteps * (i + 1) / (RESTARTS + 1);
            restartAt[i] = from + random.nextLong(Math.max(1, expectedSteps / (RESTARTS + 1) / 2));
        }
        this.visibility = Duration.ofSeconds(Long.parseLong(String.valueOf(stack().resources().template()
                .properties(queueId).get("VisibilityTimeout"))));
    }

    Result run() throws Exception {
        startWorker();
        executionIds = starter.apply(this);
        for (int i = 0; i < executionIds.size(); i++) {
            ordinals.put(executionIds.get(i), i + 1);
        }
        try {
            long begun = System.nanoTime();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                loops.add(pool.submit(() -> {
                    loop();
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get(10, TimeUnit.MINUTES); // bounds a broken run only
            }
            stats.driveNanos = System.nanoTime() - begun;
            return collect();
        } finally {
            done = true;
            context.close(); // sends the usage events it still holds
            pool.shutdownNow();
        }
    }

    private void startWorker() {
        long begun = System.nanoTime();
        Map<String, Object> properties = new LinkedHashMap<>(overrides);
        properties.put("test.chaos", true);
        properties.put("test.chaos.clock-offset", clockOffset.toSeconds() + "s");
        context = TestFunctions.start(functionId, properties);
        worker = new QueueWorker(context);
        PipelineConfiguration pipeline = context.getBean(PipelineConfiguration.class);
        maxReceiveCount = pipeline.getMaxReceiveCount();
        sweepAfter = Duration.ofSeconds(pipeline.getSweepAfterSeconds());
        stats.contextNanos += System.nanoTime() - begun;
    }

    /** The {@code n}th start (an API call), which may crash after its create commit; returns its execution. */
    String start(int n, Runnable call) {
        stats.starts.incrementAndGet();
        boolean crash = decision(seed, name + " start " + n).nextDouble() < START_CRASH_RATE;
        Faults.Delivery start = Faults.begin(name, new Faults.Plan(crash ? Faults.Point.AFTER_COMMIT : null,
                false), true);
        try {
            call.run();
        } catch (Faults.InjectedCrash crashed) {
            stats.startCrashes.incrementAndGet();
        } finally {
            Faults.end();
        }
        return start.execution;
    }

    private void loop() {
        try {
            while (!done) {
                List<Message> batch = receive();
                if (batch.isEmpty()) {
                    idle();
                    continue;
                }
                for (int i = 0; i < batch.size(); i++) {
                    Message message = batch.get(i);
                    if (restartDue(message) && restart(message, batch.subList(i + 1, batch.size()))) {
                        break;
                    }
                    gate.readLock().lock();
                    try {
                        deliver(message);
                    } finally {
                        gate.readLock().unlock();
                    }
                }
            }
        } catch (RuntimeException | Error broken) {
            done = true; // the other invocations stop too
            throw broken;
        } catch (Exception broken) {
            done = true;
            throw new IllegalStateException(broken);
        }
    }

    /**
     * The queue looks empty to this thread. Alone (no delivery under way): done when every execution has
     * ended; otherwise, when nothing is visible or in flight either, time moves on by the sweep's delay and the
     * schedule's sweep is delivered. Three such sweeps in a row that change nothing fail the run.
     */
    private void idle() {
        gate.writeLock().lock();
        try {
            if (done || messagesAround() > 0) {
                return;
            }
            List<StoredExecution> open = open();
            if (open.isEmpty()) {
                done = true;
                return;
            }
            if (idleRounds.incrementAndGet() > 3) {
                done = true;
                throw new AssertionError(name + ": " + open.size() + " executions have not ended and nothing "
                        + "is left to deliver, even after 3 sweeps:\n" + describe(open));
            }
            stats.idleAdvances.incrementAndGet();
            advance(sweepAfter);
            sweep();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** One or two deliveries of a message; it is acknowledged when one of them succeeded. */
    private void deliver(Message message) throws Exception {
        int receives = receiveCount(message);
        SplittableRandom random = decision(seed, name + " " + key(message));
        boolean twice = random.nextDouble() < DUPLICATE_RATE;
        boolean atOnce = random.nextBoolean();
        Faults.Plan first = plan(random, receives);
        boolean ok;
        if (!twice) {
            ok = handle(message, first);
        } else {
            // delivered twice is received twice: the second delivery has the next receive count
            Message again = receivedAgain(message);
            Faults.Plan other = plan(random, receives + 1);
            stats.duplicates.incrementAndGet();
            if (atOnce) {
                stats.duplicatesAtOnce.incrementAndGet();
                Future<Boolean> concurrent = pool.submit(() -> handle(again, other));
                boolean a = handle(message, first);
                ok = concurrent.get(5, TimeUnit.MINUTES) | a;
            } else {
                boolean a = handle(message, first);
                ok = handle(again, other) | a;
            }
        }
        if (ok) {
            idleRounds.set(0);
            sqs().deleteMessage(r -> r.queueUrl(work.queueUrl()).receiptHandle(message.receiptHandle()));
        } else {
            comeBack(List.of(message));
        }
    }

    /**
     * 10% of deliveries crash at a random point. Not a message's last delivery: failing on every one of its
     * deliveries is the designed end of a message (the dead-letter queue), not a fault the platform recovers from.
     */
    private Faults.Plan plan(SplittableRandom random, int receives) {
        boolean crash = random.nextDouble() < CRASH_RATE;
        Faults.Point point = Faults.Point.values()[random.nextInt(Faults.Point.values().length)];
        if (!crash || receives >= maxReceiveCount) {
            return Faults.Plan.NONE;
        }
        stats.planned.computeIfAbsent(point, p -> new AtomicLong()).incrementAndGet();
        return new Faults.Plan(point, false);
    }

    /** One delivery through the worker's handler, as Lambda makes it; true when the message succeeded. */
    private boolean handle(Message message, Faults.Plan plan) {
        stats.deliveries.incrementAndGet();
        Faults.begin(name, plan, false);
        try {
            SQSBatchResponse response = worker.handleRequest(SqsPoller.event(List.of(message), work,
                    LocalStack.REGION), new LocalLambdaContext(functionId));
            boolean ok = response.getBatchItemFailures().isEmpty();
            if (!ok) {
                stats.failedDeliveries.incrementAndGet();
            }
            return ok;
        } catch (Faults.ProcessDeath died) {
            return false;
        } finally {
            Faults.end();
        }
    }

    private boolean restartDue(Message message) {
        long index = stats.restarts.get();
        return index < RESTARTS && stats.deliveries.get() >= restartAt[(int) index]
                && receiveCount(message) < maxReceiveCount;
    }

    /**
     * The process dies during this delivery, at a random point; its context is closed and a new one started.
     * The message and the rest of its batch were in flight: they come back after the visibility timeout, and
     * the new worker's clock starts that much later. The other invocations finish what they are doing first.
     *
     * @return false when another thread made this restart meanwhile
     */
    private boolean restart(Message dying, List<Message> inFlight) {
        gate.writeLock().lock();
        try {
            if (!restartDue(dying)) {
                return false;
            }
            long index = stats.restarts.incrementAndGet();
            Faults.Point point = Faults.Point.values()[decision(seed, name + " restart " + index)
                    .nextInt(Faults.Point.values().length)];
            stats.deliveries.incrementAndGet();
            Faults.begin(name, new Faults.Plan(point, true), false);
            try {
                worker.handleRequest(SqsPoller.event(List.of(dying), work, LocalStack.REGION),
                        new LocalLambdaContext(functionId));
            } catch (Faults.ProcessDeath died) {
                // as planned: nothing after the point ran
            } finally {
                Faults.end();
            }
            context.close();
            clockOffset = clockOffset.plus(visibility);
            startWorker();
            List<Message> back = new ArrayList<>(inFlight);
            back.add(dying);
            comeBack(back);
            sweep(); // the schedule's next sweep reaches the new worker
            return true;
        } finally {
            gate.writeLock().unlock();
        }
    }

    private void advance(Duration by) {
        clockOffset = clockOffset.plus(by);
        context.getBean(VirtualClock.class).advance(by);
    }

    /** The schedule's sweep message, delivered to the worker. */
    private void sweep() {
        long n = stats.sweeps.incrementAndGet();
        ScheduledMessage schedule = stack().resources().scheduledMessages().stream()
                .filter(m -> m.ruleId().equals("SweepSchedule") && m.queueId().equals(work.queueId()))
                .findFirst().orElseThrow();
        Message message = Message.builder().messageId("sweep-" + n).receiptHandle("sweep")
                .body(schedule.body()).attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))
                .build();
        SQSBatchResponse response = worker.handleRequest(SqsPoller.event(List.of(message), work,
                LocalStack.REGION), new LocalLambdaContext(functionId));
        assertEquals(List.of(), response.getBatchItemFailures(), "the sweep succeeded");
    }

    /** Failed or abandoned messages are visible again, as once their visibility timeout has passed. */
    private void comeBack(List<Message> messages) {
        for (Message m : messages) {
            sqs().changeMessageVisibility(r -> r.queueUrl(work.queueUrl()).receiptHandle(m.receiptHandle())
                    .visibilityTimeout(0));
        }
    }

    private List<Message> receive() {
        return sqs().receiveMessage(r -> r.queueUrl(work.queueUrl()).maxNumberOfMessages(PER_RECEIVE)
                .waitTimeSeconds(0).visibilityTimeout((int) visibility.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                .messages();
    }

    /** Messages in the queue: visible, in flight (received by a thread not yet delivering them) or delayed. */
    private long messagesAround() {
        Map<QueueAttributeName, String> attributes = sqs().getQueueAttributes(r -> r.queueUrl(work.queueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    /** The message's step token, its execution named by start order, and its receive count. */
    private String key(Message message) {
        Matcher token = TOKEN.matcher(message.body());
        if (!token.find()) {
            return message.body() + "|" + receiveCount(message);
        }
        String value = token.group(1);
        int hash = value.lastIndexOf('#');
        Integer ordinal = ordinals.get(value.substring(0, hash));
        return (ordinal == null ? value.substring(0, hash) : "#" + ordinal) + value.substring(hash) + "|"
                + receiveCount(message);
    }

    private List<StoredExecution> open() {
        ExecutionStore store = context.getBean(ExecutionStore.class);
        return executionIds.stream().map(id -> store.find(team, id).orElseThrow())
                .filter(s -> !s.execution().status().isFinal()).toList();
    }

    private Result collect() {
        ExecutionStore store = context.getBean(ExecutionStore.class);
        Map<String, StoredExecution> executions = new TreeMap<>();
        executionIds.forEach(id -> executions.put(id, store.find(team, id).orElseThrow()));
        Map<String, Evaluation> evaluations = new TreeMap<>();
        if (name.equals(PROMPT_LAB)) {
            PromptEvaluations lab = context.getBean(PromptEvaluations.class);
            for (StoredExecution stored : executions.values()) {
                String evalId = jobOf(stored.execution());
                evaluations.put(evalId, lab.find(team, 1, evalId).orElseThrow());
            }
        }
        assertEquals(0, messagesAround(), name + ": nothing is left in the work queue");
        return new Result(executions, evaluations);
    }

    private static Message receivedAgain(Message message) {
        Map<MessageSystemAttributeName, String> attributes = new LinkedHashMap<>(message.attributes());
        attributes.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                Integer.toString(receiveCount(message) + 1));
        return message.toBuilder().attributes(attributes).build();
    }

    private static int receiveCount(Message message) {
        return Integer.parseInt(message.attributes()
                .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    }

    private static String describe(List<StoredExecution> open) {
        return open.stream().map(s -> s.execution().id() + " " + s.execution().status() + " at "
                + s.execution().current() + " steps " + s.execution().steps() + " branches "
                + s.execution().branches() + " outbox " + s.outbox() + " by " + s.outboxToken() + " lease "
                + s.leaseUntil() + " due " + s.dueAt()).collect(Collectors.joining("\n"));
    }
}
