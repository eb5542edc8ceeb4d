package dev.athanor.worker.pipeline;

import dev.athanor.aws.artifacts.S3ArtifactStore;
import dev.athanor.model.TeamId;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real S3 artifact store, except that a test can make writes of chosen paths fail a number of times: a phase's
 * answer is written after its LLM call and before its commit, so this injects a crash exactly there.
 */
@Singleton
@Replaces(S3ArtifactStore.class)
class FlakyArtifactStore extends S3ArtifactStore {

    /** Path suffix to the number of writes still to fail (Integer.MAX_VALUE: every one). */
    static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    FlakyArtifactStore(S3Client s3, @Value("${athanor.artifacts.bucket}") String bucket) {
        super(s3, bucket);
    }

    @Override
    public void put(TeamId team, String path, byte[] content, String contentType) {
        FAILURES.forEach((suffix, left) -> {
            if (path.endsWith(suffix) && left.getAndDecrement() > 0) {
                throw new IllegalStateException("injected failure writing " + path);
            }
        });
        super.put(team, path, content, contentType);
    }
}
