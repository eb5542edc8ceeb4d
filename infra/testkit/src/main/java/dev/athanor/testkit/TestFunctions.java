package dev.athanor.testkit;

import dev.athanor.local.LocalFunctions;
import io.micronaut.context.ApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** Micronaut contexts configured as a template function, on the embedded stack, with known test secrets. */
public final class TestFunctions {

    public static final String JWT_SECRET = "test-signing-key-of-at-least-thirty-two-bytes";
    public static final String ADMIN_KEY = "test-admin-key";

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
        properties.putAll(overrides);
        return LocalFunctions.contextBuilder(LocalStackExtension.stack(), functionId, properties).start();
    }
}
