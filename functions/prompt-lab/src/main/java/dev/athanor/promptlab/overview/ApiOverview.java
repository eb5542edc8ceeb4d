package dev.athanor.promptlab.overview;

import dev.athanor.core.health.ServiceInfo;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /} tells a reader: the API's name, version and feature groups, and where its documentation is.
 * The name, description and groups are read from the prompt lab's generated OpenAPI document (its {@code tags}), so
 * this page and {@code /docs} cannot drift apart; the version is the running one, as {@code GET /api} reports it.
 */
@Singleton
class ApiOverview {

    static final String DOCUMENT = "META-INF/swagger/prompt-lab/openapi.json";

    @Serdeable
    record Overview(String name, String version, String description, List<Group> groups, Links links) {
    }

    @Serdeable
    record Group(String name, String description) {
    }

    /** Swagger UI, ReDoc, the OpenAPI document and the health check, as the prompt lab serves them. */
    @Serdeable
    record Links(String docs, String redoc, String openapi, String health) {

        static final Links SERVED = new Links("/docs", "/redoc", "/openapi.json", "/api");
    }

    private final Overview overview;

    ApiOverview(JsonMapper json, ServiceInfo info) {
        JsonNode document = read(json);
        JsonNode about = document.get("info");
        List<Group> groups = new ArrayList<>();
        JsonNode tags = document.get("tags");
        if (tags != null) {
            for (JsonNode tag : tags.values()) {
                groups.add(new Group(text(tag, "name"), text(tag, "description")));
            }
        }
        this.overview = new Overview(text(about, "title"), info.version(), text(about, "description"),
                List.copyOf(groups), Links.SERVED);
    }

    Overview overview() {
        return overview;
    }

    private static JsonNode read(JsonMapper json) {
        try (InputStream in = ApiOverview.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("The prompt lab's OpenAPI document is not on the classpath: "
                        + DOCUMENT);
            }
            return json.readValue(in.readAllBytes(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DOCUMENT, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isString() ? "" : value.getStringValue();
    }
}
