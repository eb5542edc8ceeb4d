package dev.athanor.testkit;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a surface's generated OpenAPI document (the one its jar carries and {@code /openapi.json} serves) promises
 * a reader of {@code /docs}: every operation sits in a feature group and has a one-line summary; the groups are
 * declared once, with a description, and named after the sections of the surface's API document; the routes core
 * shares with every surface are listed too. Needs nothing running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiDocumentContract {

    /** Groups of routes every surface serves from core, whatever its API document calls its sections. */
    public static final Set<String> SHARED_GROUPS = Set.of("Authentication");

    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** An operation of the document: {@code GET /api/projects}, its tags and summary. */
    public record Operation(String method, String path, List<String> tags, String summary) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private JsonNode document;
    private List<Operation> operations;

    /** The surface as its document is stored, e.g. {@code prompt-lab}. */
    protected abstract String surface();

    /** The section names of the surface's API document, which its groups must come from (besides the shared ones). */
    protected abstract Set<String> documentedGroups();

    @BeforeAll
    void readDocument() {
        String resource = "META-INF/swagger/" + surface() + "/openapi.json";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the classpath: the surface's OpenAPI document was not generated");
            document = JsonMapper.createDefault().readValue(in.readAllBytes(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        operations = operations(document);
    }

    /** Every operation of a document, in its order. */
    public static List<Operation> operations(JsonNode document) {
        List<Operation> found = new ArrayList<>();
        JsonNode paths = document.get("paths");
        if (paths == null) {
            return found;
        }
        for (Map.Entry<String, JsonNode> path : paths.entries()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().entries()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                List<String> tags = new ArrayList<>();
                JsonNode tagNodes = operation.get("tags");
                if (tagNodes != null) {
                    tagNodes.values().forEach(tag -> tags.add(tag.getStringValue()));
                }
                JsonNode summary = operation.get("summary");
                found.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), List.copyOf(tags),
                        summary == null ? "" : summary.getStringValue()));
            }
        }
        return found;
    }

    /** The groups the document declares (its top-level {@code tags}), with their descriptions, in order. */
    private Map<String, String> declaredGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        JsonNode tags = document.get("tags");
        if (tags != null) {
            for (JsonNode tag : tags.values()) {
                JsonNode description = tag.get("description");
                groups.put(tag.get("name").getStringValue(), description == null ? "" : description.getStringValue());
            }
        }
        return groups;
    }

    @Test
    void every_operation_has_a_group_and_a_summary() {
        assertFalse(operations.isEmpty(), "the document lists no operation");
        List<String> problems = new ArrayList<>();
        for (Operation operation : operations) {
            if (operation.tags().isEmpty()) {
                problems.add(operation + " has no tag");
            }
            if (operation.summary().isBlank()) {
                problems.add(operation + " has no summary");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void every_group_is_declared_with_a_description_and_has_operations() {
        Map<String, String> declared = declaredGroups();
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Operation operation : operations) {
            for (String tag : operation.tags()) {
                used.add(tag);
                if (!declared.containsKey(tag)) {
                    problems.add(operation + ": group '" + tag
                            + "' is not among the tags of the application's @OpenAPIDefinition");
                }
            }
        }
        declared.forEach((name, description) -> {
            if (description.isBlank()) {
                problems.add("group '" + name + "' has no description");
            }
            if (!used.contains(name)) {
                problems.add("group '" + name + "' has no operation");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void the_groups_are_the_sections_of_the_surfaces_api_document() {
        Set<String> allowed = new LinkedHashSet<>(documentedGroups());
        allowed.addAll(SHARED_GROUPS);
        List<String> problems = new ArrayList<>();
        for (Operation operation : operations) {
            for (String tag : operation.tags()) {
                if (!allowed.contains(tag)) {
                    problems.add(operation + ": '" + tag + "' is not one of " + allowed);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void the_routes_core_shares_are_listed_in_their_group() {
        Operation me = operations.stream().filter(o -> o.method().equals("GET") && o.path().equals("/api/auth/me"))
                .findFirst().orElse(null);
        assertNotNull(me, "GET /api/auth/me (core's MeController) is missing: "
                + "see @OpenAPIInclude on the application class");
        assertEquals(List.of("Authentication"), me.tags());
        assertTrue(declaredGroups().containsKey("Authentication"));
    }
}
