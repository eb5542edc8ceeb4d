package dev.athanor.llm.http;

import io.micronaut.serde.ObjectMapper;

import java.util.Map;

/**
 * The JSON mapper of the tests, set up as every function sets it ({@code application.yml} of functions/core): every
 * field of a body written, however empty. Vendor requests are compared byte for byte under it, so a null or empty
 * value that would now reach a vendor ({@code "tools": null}) fails their tests.
 */
public final class TestJson {

    public static final ObjectMapper MAPPER = ObjectMapper.create(
            Map.of("micronaut.serde.serialization.inclusion", "ALWAYS"));

    private TestJson() {
    }
}
