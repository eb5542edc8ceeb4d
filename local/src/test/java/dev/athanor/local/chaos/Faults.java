package dev.athanor.local.chaos;

import dev.athanor.core.llm.CallContext;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault injector's shared state: the fault planned for the delivery the current thread is handling, the crashes
 * that fired, and the model calls the workers made. The decorators of the chaos contexts ({@link FaultyStepExecutors},
 * {@link FaultyExecutionStore}, {@link FaultyStepQueue}, {@link CountingLlmService}) report here; the test plans the
 * faults (seeded) and reads the counts. Static, because a fault plan outlives the worker context it was made for.
 */
final class Faults {

    /** Where a step delivery can die, in the order it passes them. */
    enum Point {
        /** StepStarted is committed under the step's lease; the executor (the model call) has not run. */
        BEFORE_CALL("before the model call"),
        /** The executor ran: its model calls were made and metered, its files written; nothing committed. */
        AFTER_CALL("after the model call"),
        /** The result is committed with the next commands; none of them carried out. */
        AFTER_COMMIT("after the commit"),
        /** The next step's message is sent; the delivery is not acknowledged. */
        AFTER_SEND("after the send");

        final String label;

        Point(String label) {
            this.label = label;
        }
    }

    /**
     * What one delivery (or one start) is to suffer.
     *
     * @param point where it dies, or null
     * @param death true: the process dies there (an {@link Error}: no clean-up of the engine runs, the lease stays);
     *              false: the delivery fails there with an exception, as a failed call to a store or a queue would
     */
    record Plan(Point point, boolean death) {
        static final Plan NONE = new Plan(null, false);
    }

    /**
     * A crash that fired: where, in which execution and state, whether it ended the process, whether it was a
     * start's, and how many model calls the run it interrupted had made.
     */
    record Fired(String surface, String execution, String state, Point point, boolean death, boolean start,
                 long calls) {
    }

    /** The delivery under way on a thread: its plan, and what it has got to. */
    static final class Delivery {
        final String surface;
        final Plan plan;
        /** Set by a start (an API call): the create commit counts as the commit. */
        final boolean start;
        volatile String execution;
        volatile String state;
        volatile boolean stepRan;
        volatile long callsOfRun;
        volatile Fired fired;

        Delivery(String surface, Plan plan, boolean start) {
            this.surface = surface;
            this.plan = plan;
            this.start = start;
        }
    }

    /** A delivery that failed at an injected point. Without a stack trace: the logs name the point. */
    static final class InjectedCrash extends RuntimeException {
        InjectedCrash(Point point) {
            super("injected crash " + point.label, null, false, false);
        }
    }

    /** The process died at an injected point. An Error, so that no {@code catch (Exception)} clean-up runs. */
    static final class ProcessDeath extends Error {
        ProcessDeath(Point point) {
            super("injected process death " + point.label, null, false, false);
        }
    }

    private static final ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();
    static final Queue<Fired> FIRED = new ConcurrentLinkedQueue<>();
    /** Model calls answered, by surface + job (the CallContext's job: a factory slug, an evaluation id). */
    static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    /** Usage events handed to the publisher, by surface + job. */
    static final Map<String, AtomicLong> PUBLISHED = new ConcurrentHashMap<>();
    /** Step messages sent (first sends and sends again), by surface. */
    static final Map<String, AtomicLong> SENT = new ConcurrentHashMap<>();

    private Faults() {
    }

    static void reset() {
        FIRED.clear();
        CALLS.clear();
        PUBLISHED.clear();
        SENT.clear();
    }

    static Delivery begin(String surface, Plan plan, boolean start) {
        Delivery delivery = new Delivery(surface, plan, start);
        CURRENT.set(delivery);
        return delivery;
    }

    static void end() {
        CURRENT.remove();
    }

    static String key(String surface, String job) {
        return surface + " " + job;
    }

    static long calls(String surface, String job) {
        AtomicLong count = CALLS.get(key(surface, job));
        return count == null ? 0 : count.get();
    }

    /** The executor of {@code state} of {@code execution} is about to run on this thread. */
    static void stepStarting(String execution, String state) {
        Delivery delivery = CURRENT.get();
        if (delivery != null) {
            delivery.execution = execution;
            delivery.state = state;
        }
        at(Point.BEFORE_CALL);
    }

    /** The executor returned, having made {@code calls} model calls. */
    static void stepRan(long calls) {
        Delivery delivery = CURRENT.get();
        if (delivery != null) {
            delivery.callsOfRun = calls;
        }
        at(Point.AFTER_CALL);
        if (delivery != null) {
            delivery.stepRan = true;
        }
    }

    /** An execution was written; after the executor ran (or by a start) that is the commit of its result. */
    static void committed(String execution) {
        Delivery delivery = CURRENT.get();
        if (delivery != null && delivery.start) {
            delivery.execution = execution;
        }
        if (delivery != null && (delivery.stepRan || delivery.start)) {
            at(Point.AFTER_COMMIT);
        }
    }

    /** A step message was sent; after the executor ran that is its result's next step. */
    static void sent(String surface) {
        SENT.computeIfAbsent(surface, k -> new AtomicLong()).incrementAndGet();
        Delivery delivery = CURRENT.get();
        if (delivery != null && delivery.stepRan) {
            at(Point.AFTER_SEND);
        }
    }

    static void called(CallContext call) {
        CALLS.computeIfAbsent(key(call.surface(), call.job()), k -> new AtomicLong()).incrementAndGet();
    }

    static void published(String surface, String job) {
        PUBLISHED.computeIfAbsent(key(surface, job), k -> new AtomicLong()).incrementAndGet();
    }

    private static void at(Point point) {
        Delivery delivery = CURRENT.get();
        if (delivery == null || delivery.plan.point() != point || delivery.fired != null) {
            return;
        }
        Fired fired = new Fired(delivery.surface, delivery.execution, delivery.state, point, delivery.plan.death(),
                delivery.start, point == Point.AFTER_CALL ? delivery.callsOfRun : 0);
        delivery.fired = fired;
        FIRED.add(fired);
        if (delivery.plan.death()) {
            throw new ProcessDeath(point);
        }
        throw new InjectedCrash(point);
    }
}
