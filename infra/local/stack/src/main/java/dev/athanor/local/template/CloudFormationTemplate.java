package dev.athanor.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed SAM/CloudFormation template: the single description of every resource, read as data. */
public final class CloudFormationTemplate {

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate load(Path path) {
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    public static CloudFormationTemplate parse(String yaml) {
        return new CloudFormationTemplate(CloudFormationYaml.parse(yaml));
    }

    public Map<String, Object> section(String name) {
        return map(root.get(name));
    }

    /** Logical id to resource (with Type, Properties, Metadata), in template order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section("Resources").forEach((id, resource) -> resources.put(id, map(resource)));
        return resources;
    }

    /** Resources of one type, e.g. {@code AWS::DynamoDB::Table}. */
    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the template");
        }
        return map(resource.get("Properties"));
    }

    /** SAM's {@code Globals.Function} section. */
    public Map<String, Object> functionGlobals() {
        return map(section("Globals").get("Function"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
