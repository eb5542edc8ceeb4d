package dev.athanor.local.platform;

import dev.athanor.testkit.Await;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform as the README's first command runs it: data kept in a relative directory (like {@code ./.athanor}),
 * a factory job run over HTTP by the platform's own pollers, and the job's code read back before and after a restart
 * on the same directory.
 */
class PersistentPlatformIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_KEY = "persistent-admin-key";

    private final Path dataDir = Path.of("target", "athanor-data-" + UUID.randomUUID());
    private LocalPlatform platform;

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void a_jobs_code_is_listed_read_and_zipped_from_the_data_directory_and_still_is_after_a_restart() throws Exception {
        assertFalse(dataDir.isAbsolute(), "the default data directory is relative");
        platform = LocalPlatform.start(LocalStackExtension.template(), dataDir, ADMIN_KEY, port -> -1);
        String token = platform.token("default", "admin").token();
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/jobs")).header("Authorization",
                "Bearer " + token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString("{\"name\":\"Kept App\",\"description\":\"A todo list app\"}")));
        assertEquals(202, created.statusCode(), created.body());
        awaitStatus(token, "kept-app", "completed");

        Code before = code(token);
        assertTrue(before.tree().contains(Map.of("path", "source/lib", "name", "lib", "isDir", true, "size", 0)),
                before.tree().toString());
        assertTrue(before.tree().stream().anyMatch(e -> e.get("path").equals("source/lib/main.dart")
                && Boolean.FALSE.equals(e.get("isDir"))), before.tree().toString());
        assertTrue(before.pubspec().contains("name: kept_app"), before.pubspec());
        assertTrue(before.zip().keySet().stream().anyMatch(name -> name.startsWith("kept-app/source/")),
                before.zip().keySet().toString());
        assertTrue(before.zip().keySet().stream().anyMatch(name -> name.startsWith("kept-app/docs/")),
                before.zip().keySet().toString());
        assertEquals(before.pubspec(), before.zip().get("kept-app/source/pubspec.yaml"));
        long files = before.tree().stream().filter(e -> Boolean.FALSE.equals(e.get("isDir"))).count();
        assertEquals(files, before.zip().size(), "the ZIP holds every file of the tree");

        platform.close();
        platform = null;
        platform = LocalPlatform.start(LocalStackExtension.template(), dataDir, ADMIN_KEY, port -> -1);
        String again = platform.token("default", "admin").token();
        assertEquals("completed", json(get(again, "/api/jobs/kept-app")).get("status"));
        Code after = code(again);
        assertEquals(before.tree(), after.tree());
        assertEquals(before.pubspec(), after.pubspec());
        assertEquals(before.zip(), after.zip());
    }

    private record Code(List<Map<String, Object>> tree, String pubspec, Map<String, String> zip) {
    }

    private Code code(String token) throws Exception {
        HttpResponse<String> tree = get(token, "/api/jobs/kept-app/code/tree");
        assertEquals(200, tree.statusCode(), tree.body());
        HttpResponse<String> file = get(token, "/api/jobs/kept-app/code/file?path="
                + URLEncoder.encode("source/pubspec.yaml", StandardCharsets.UTF_8));
        assertEquals(200, file.statusCode(), file.body());
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(uri("/api/jobs/kept-app/download"))
                .header("Authorization", "Bearer " + token).header("Accept", "*/*").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        return new Code(mapper().readValue(tree.body(), Argument.listOf(Argument.mapOf(String.class, Object.class))),
                (String) json(file).get("content"), FactoryJobsIT.unzip(zip.body()));
    }

    /** Waits for the platform's pollers to bring the job to {@code status}; one that ends otherwise stops the wait. */
    private void awaitStatus(String token, String slug, String status) throws Exception {
        Map<String, Object> job = Await.until(() -> json(get(token, "/api/jobs/" + slug)),
                j -> List.of(status, "failed", "cancelled").contains(j.get("status")), Duration.ofMinutes(5));
        assertEquals(status, job.get("status"), job.toString());
    }

    private URI uri(String path) {
        return URI.create(platform.surface("factory").url() + path);
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonMapper mapper() {
        return platform.surface("factory").context().getBean(JsonMapper.class);
    }

    private Map<String, Object> json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return mapper().readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }
}
