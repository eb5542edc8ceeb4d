package dev.athanor.aws.artifacts;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Artifacts in the artifact bucket under {@code teams/<team>/}: the team's prefix is added here and stripped from
 * what is returned, so no caller can name another team's key.
 */
@Singleton
@Requires(property = "athanor.artifacts.bucket")
public class S3ArtifactStore implements ArtifactStore, TeamData {

    private final S3Client s3;
    private final String bucket;

    public S3ArtifactStore(S3Client s3, @Value("${athanor.artifacts.bucket}") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(TeamId team, String path, byte[] content, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key(team, path)).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<byte[]> get(TeamId team, String path) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(team, path))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Long> size(TeamId team, String path) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key(team, path))).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<Entry> list(TeamId team, String prefix) {
        String teamPrefix = key(team, "");
        List<Entry> entries = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(key(team, prefix))).contents()) {
            entries.add(new Entry(object.key().substring(teamPrefix.length()), object.size()));
        }
        return entries;
    }

    @Override
    public int deleteAll(TeamId team, String prefix) {
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(key(team, prefix))).contents()) {
            keys.add(ObjectIdentifier.builder().key(object.key()).build());
        }
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            s3.deleteObjects(r -> r.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
        }
        return keys.size();
    }

    @Override
    public String name() {
        return "artifacts";
    }

    @Override
    public void wipe(TeamId team) {
        deleteAll(team, "");
    }

    private static String key(TeamId team, String path) {
        return "teams/" + team.value() + "/" + path;
    }
}
