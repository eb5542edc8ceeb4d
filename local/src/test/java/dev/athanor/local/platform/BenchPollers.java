package dev.athanor.local.platform;

import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A work queue polled by {@code count} threads of their own for a benchmark, each standing for one
 * concurrent Lambda invocation; closing stops them after their current poll.
 */
final class BenchPollers implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    BenchPollers(LocalStack stack, String queueId, QueueWorker handler, int count) {
        QueueSubscription work = stack.resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals(queueId)).findFirst().orElseThrow();
        for (int i = 0; i < count; i++) {
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
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
    }
}
