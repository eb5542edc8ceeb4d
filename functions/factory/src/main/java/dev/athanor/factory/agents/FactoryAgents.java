package dev.athanor.factory.agents;

import dev.athanor.factory.jobs.FactoryPipeline;
import dev.athanor.model.agents.AgentConfig;
import dev.athanor.model.error.NotFoundException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The software factory's agents with their built-in defaults: the agent each phase of the factory pipeline names,
 * in pipeline order. Each agent's name, description and system prompt live in {@code prompts/<agent id>.md} next to
 * this class, where they read as text: a front matter of {@code name:} and {@code description:} lines between
 * {@code ---} lines, then the prompt. Every one is loaded at start-up, so a missing prompt stops the function
 * instead of a job.
 */
@Singleton
public class FactoryAgents {

    /** The family every factory agent belongs to. */
    public static final String TYPE = "flutter_factory";
    public static final String ACTIVE = "active";

    private static final String FENCE = "---";

    private final Map<String, AgentConfig> defaults = new LinkedHashMap<>();

    public FactoryAgents(AgentDefaultsConfiguration configuration, FactoryPipeline pipeline) {
        for (String phase : pipeline.phases()) {
            String id = pipeline.definition().state(phase).agent();
            Map<String, String> prompt = prompt(id);
            defaults.put(id, new AgentConfig(id, prompt.get("name"), TYPE, ACTIVE, configuration.getDefaultModel(),
                    prompt.get("prompt"), prompt.get("description"), null));
        }
    }

    /** Every agent's defaults, in pipeline order. */
    public List<AgentConfig> defaults() {
        return List.copyOf(defaults.values());
    }

    /**
     * @throws NotFoundException when no factory agent has that id
     */
    public AgentConfig defaults(String agentId) {
        AgentConfig config = defaults.get(agentId);
        if (config == null) {
            throw new NotFoundException("Agent '" + agentId + "' not found");
        }
        return config;
    }

    /** The name, description and prompt of {@code prompts/<id>.md}. */
    private static Map<String, String> prompt(String id) {
        String resource = "prompts/" + id + ".md";
        String text;
        try (InputStream in = FactoryAgents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The system prompt " + resource + " is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        int end = lines.isEmpty() || !lines.get(0).equals(FENCE) ? -1 : lines.subList(1, lines.size()).indexOf(FENCE) + 1;
        for (int i = 1; i < end; i++) {
            int colon = lines.get(i).indexOf(':');
            if (colon > 0) {
                fields.put(lines.get(i).substring(0, colon).strip(), lines.get(i).substring(colon + 1).strip());
            }
        }
        fields.put("prompt", String.join("\n", lines.subList(end + 1, lines.size())).strip());
        for (String field : List.of("name", "description", "prompt")) {
            if (fields.getOrDefault(field, "").isEmpty()) {
                throw new IllegalStateException(resource + " has no " + field);
            }
        }
        return fields;
    }
}
