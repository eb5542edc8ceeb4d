package dev.athanor.testkit;

import dev.athanor.local.LocalFunctions;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Micronaut contexts configured as a template function, on the embedded stack, with known test secrets. */
public final class TestFunctions {

    public static final String JWT_SECRET = "test-signing-key-of-at-least-thirty-two-bytes";
    public static final String ADMIN_KEY = "test-admin-key";

    private static final Path DATA_KEY_FILE = temporaryKeyFile();

    private TestFunctions() {
    }

    /** A started context for {@code functionId} (e.g. {@code FactoryFunction}) that binds no HTTP port. */
    public static ApplicationContext start(String functionId) {
        return start(functionId, Map.of());
    }

    public static ApplicationContext start(String functionId, Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("athanor.auth.jwt-secret", JWT_SECRET);
        properties.put("athanor.auth.admin-key", ADMIN_KEY);
        properties.put("micronaut.server.port", -1);
        // as the local platform does: seal with a key file, and allow the fakes on localhost as provider URLs
        properties.put("athanor.crypto.local-key-file", DATA_KEY_FILE.toString());
        properties.put("athanor.security.allow-private-urls", true);
        // no test depends on real DNS: FakeDns answers
        properties.put("athanor.test.fake-dns", true);
        properties.putAll(overrides);
        return LocalFunctions.contextBuilder(LocalStackExtension.stack(), functionId, properties).start();
    }

    private static Path temporaryKeyFile() {
        try {
            Path dir = Files.createTempDirectory("athanor-test-keys");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("data-key");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
