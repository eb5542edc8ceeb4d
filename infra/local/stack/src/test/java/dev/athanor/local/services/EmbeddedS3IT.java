package dev.athanor.local.services;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The S3 stand-in lists by prefix in each of its modes. The local platform's default data directory is relative
 * ({@code ./.athanor/s3}), which is the case that once listed nothing.
 */
class EmbeddedS3IT {

    private static final String BUCKET = "listing";
    private static final List<String> KEYS = List.of("teams/a/jobs/j1/source/lib/main.dart",
            "teams/a/jobs/j1/source/README.md", "teams/a/jobs/j1/docs/plan.md", "teams/a/jobs/j2/source/x.txt",
            "teams/b/jobs/j1/source/y.txt");

    private EmbeddedS3 server;
    private S3Client s3;
    private Path relativeDir;

    @AfterEach
    void stop() throws Exception {
        s3.close();
        server.close();
        if (relativeDir != null) {
            try (Stream<Path> files = Files.walk(relativeDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void lists_by_prefix_in_a_relative_data_directory() throws Exception {
        relativeDir = Path.of("target", "s3-" + UUID.randomUUID());
        assertListsByPrefix(relativeDir);
    }

    @Test
    void lists_by_prefix_in_an_absolute_data_directory() throws Exception {
        relativeDir = Path.of("target", "s3-" + UUID.randomUUID()).toAbsolutePath();
        assertListsByPrefix(relativeDir);
    }

    @Test
    void lists_by_prefix_in_memory() throws Exception {
        assertListsByPrefix(null);
    }

    private void assertListsByPrefix(Path dataDir) throws IOException, Exception {
        server = EmbeddedS3.start(dataDir, "key", "secret-key");
        // every test starts a server on a port of the system's choosing, which may be the one a previous test's
        // server had: a connection to that one, kept alive in the JDK's shared cache, would take the next request
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret-key")))
                .overrideConfiguration(o -> o.putHeader("Connection", "close"))
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(r -> r.bucket(BUCKET));
        for (String key : KEYS) {
            s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }
        assertEquals(List.of("teams/a/jobs/j1/docs/plan.md", "teams/a/jobs/j1/source/README.md",
                "teams/a/jobs/j1/source/lib/main.dart"), keys("teams/a/jobs/j1/"));
        assertEquals(List.of("teams/a/jobs/j1/source/README.md", "teams/a/jobs/j1/source/lib/main.dart"),
                keys("teams/a/jobs/j1/source/"));
        assertEquals(List.of("teams/a/jobs/j2/source/x.txt"), keys("teams/a/jobs/j2"));
        assertEquals(4, keys("teams/a/").size());
        assertEquals(KEYS.size(), keys("").size());
        assertEquals(List.of(), keys("teams/c/"));
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }
}
