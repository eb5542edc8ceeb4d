package dev.athanor.llm.http;

import io.micronaut.json.tree.JsonNode;

/** Reads the vendor's own error message out of an error body, or null when the body has none. */
@FunctionalInterface
public interface VendorErrors {

    String message(JsonNode body);
}
