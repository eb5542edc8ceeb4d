package dev.athanor.factory.jobs;

import dev.athanor.aws.artifacts.S3ArtifactStore;
import dev.athanor.model.TeamId;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real S3 artifact store, except that a test can make writes of chosen paths fail a number of times, or wait at
 * a gate: a phase's answer is written after its LLM call and before its commit, so this injects a crash (or holds a
 * step under way) exactly there.
 */
@Singleton
@Replaces(S3ArtifactStore.class)
@Requires(property = "athanor.artifacts.bucket")
class FlakyArtifactStore extends S3ArtifactStore {

    /** Path suffix to the number of writes still to fail (Integer.MAX_VALUE: every one). */
    static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    /** Path suffix to a gate that holds writes of it: the step stays under way until the test opens it. */
    static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    /** {@code reached} counts down when a write arrives; the write waits until {@code open} is counted down. */
    record Gate(CountDownLatch reached, CountDownLatch open) {
        Gate() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }
    }

    FlakyArtifactStore(S3Client s3, @Value("${athanor.artifacts.bucket}") String bucket) {
        super(s3, bucket);
    }

    @Override
    public void put(TeamId team, String path, byte[] content, String contentType) {
        GATES.forEach((suffix, gate) -> {
            if (path.endsWith(suffix)) {
                gate.reached().countDown();
                try {
                    if (!gate.open().await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate of " + suffix + " never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        });
        FAILURES.forEach((suffix, left) -> {
            if (path.endsWith(suffix) && left.getAndDecrement() > 0) {
                throw new IllegalStateException("injected failure writing " + path);
            }
        });
        super.put(team, path, content, contentType);
    }
}
