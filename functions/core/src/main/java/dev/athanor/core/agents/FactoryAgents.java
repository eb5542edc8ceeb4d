package dev.athanor.core.agents;

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
 * The software factory's agents with their built-in defaults: one per pipeline phase, with id
 * {@code <phase>_agent}. System prompts live in {@code prompts/<phase>.md} next to this class, where they read as
 * text; every one is loaded at start-up, so a missing prompt stops the function instead of a job.
 */
@Singleton
public class FactoryAgents {

    /** The family every factory agent belongs to. */
    public static final String TYPE = "flutter_factory";
    public static final String ACTIVE = "active";

    /** The pipeline's phases, in the order a job runs them. */
    public static final List<String> PHASES = List.of("create", "ba", "backend", "architect", "uiux", "dev", "qa",
            "refactor", "repair", "runtime", "security", "reviewer", "export");

    private record Spec(String phase, String name, String description) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("create", "Create Agent",
                    "Scaffolds the Flutter project from the brief: pubspec, entry point, theme, a first test."),
            new Spec("ba", "BA Agent",
                    "Writes the requirements: personas, user stories with testable acceptance criteria, scope."),
            new Spec("backend", "Backend Agent",
                    "Designs the data model, persistence and services for the chosen backend."),
            new Spec("architect", "Architect Agent",
                    "Decides layers, state management, navigation, folder structure and the file list."),
            new Spec("uiux", "UI/UX Agent",
                    "Specifies the design language, every screen and its states, and accessibility."),
            new Spec("dev", "Dev Agent",
                    "Writes the app's complete Dart code from the requirements, architecture and UI/UX documents."),
            new Spec("qa", "QA Agent",
                    "Writes unit and widget tests for the user stories and reports the defects it finds."),
            new Spec("refactor", "Refactor Agent",
                    "Improves structure and readability without changing behaviour."),
            new Spec("repair", "Repair Agent",
                    "Fixes the root causes of analyzer, build and test failures with minimal changes."),
            new Spec("runtime", "Runtime Agent",
                    "Finds and fixes failures that only show when the app runs: crashes, lifecycle, layout, set-up."),
            new Spec("security", "Security Agent",
                    "Audits secrets, storage, network, input and privacy, and gives a pass or fail verdict."),
            new Spec("reviewer", "Reviewer Agent",
                    "Reviews the finished app against the requirements and approves it or requests changes."),
            new Spec("export", "Export Agent",
                    "Prepares the hand-over: README, hand-over notes and changelog."));

    private final Map<String, AgentConfig> defaults = new LinkedHashMap<>();

    public FactoryAgents(AgentDefaultsConfiguration configuration) {
        for (Spec spec : SPECS) {
            String id = agentId(spec.phase());
            defaults.put(id, new AgentConfig(id, spec.name(), TYPE, ACTIVE, configuration.getDefaultModel(),
                    prompt(spec.phase()), spec.description(), null));
        }
    }

    /** The id of the agent that runs a phase, e.g. {@code dev_agent} for {@code dev}. */
    public static String agentId(String phase) {
        return phase + "_agent";
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

    private static String prompt(String phase) {
        String resource = "prompts/" + phase + ".md";
        try (InputStream in = FactoryAgents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The system prompt " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
