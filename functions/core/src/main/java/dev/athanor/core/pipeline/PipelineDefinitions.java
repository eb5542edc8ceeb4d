package dev.athanor.core.pipeline;

import dev.athanor.model.pipeline.PipelineDefinition;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The pipeline definitions shipped with the code, read from {@code pipelines/<id>.json} and validated once. */
@Singleton
public class PipelineDefinitions {

    private final JsonMapper json;
    private final Map<String, PipelineDefinition> loaded = new ConcurrentHashMap<>();

    public PipelineDefinitions(JsonMapper json) {
        this.json = json;
    }

    public PipelineDefinition get(String id) {
        return loaded.computeIfAbsent(id, this::load);
    }

    private PipelineDefinition load(String id) {
        String resource = "pipelines/" + id + ".json";
        try (InputStream in = PipelineDefinitions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No pipeline definition " + resource);
            }
            PipelineDefinition definition = json.readValue(in.readAllBytes(), PipelineDefinition.class);
            if (!id.equals(definition.id())) {
                throw new IllegalArgumentException(resource + " defines pipeline '" + definition.id() + "'");
            }
            return definition.validate();
        } catch (IOException e) {
            throw new UncheckedIOException("Pipeline definition " + resource + " is not readable", e);
        }
    }
}
