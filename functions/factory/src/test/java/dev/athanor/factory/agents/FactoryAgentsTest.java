package dev.athanor.factory.agents;

import dev.athanor.core.pipeline.PipelineDefinitions;
import dev.athanor.factory.jobs.FactoryPipeline;
import dev.athanor.model.agents.AgentConfig;
import dev.athanor.model.error.NotFoundException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactoryAgentsTest {

    private static final FactoryPipeline PIPELINE = new FactoryPipeline(new PipelineDefinitions(JsonMapper.createDefault()));

    private final FactoryAgents agents = new FactoryAgents(() -> "sandbox", PIPELINE);

    @Test
    void there_is_one_agent_per_phase_in_pipeline_order() {
        List<String> ids = agents.defaults().stream().map(AgentConfig::agentId).toList();

        assertEquals(List.of("create_agent", "ba_agent", "backend_agent", "architect_agent", "uiux_agent", "dev_agent",
                "qa_agent", "refactor_agent", "repair_agent", "runtime_agent", "security_agent", "reviewer_agent",
                "export_agent"), ids);
    }

    @Test
    void the_agents_are_those_the_phases_of_the_pipeline_definition_name() {
        assertEquals(List.of("create", "ba", "backend", "architect", "uiux", "dev", "qa", "refactor", "repair",
                "runtime", "security", "reviewer", "export"), PIPELINE.phases());
        assertEquals(List.of("security", "reviewer"), PIPELINE.reviewable(), "the phases a job may ask to review");
        List<String> named = PIPELINE.phases().stream().map(p -> PIPELINE.definition().state(p).agent()).toList();
        assertEquals(named, agents.defaults().stream().map(AgentConfig::agentId).toList());
    }

    @Test
    void defaults_are_active_flutter_factory_agents_on_the_configured_model() {
        for (AgentConfig agent : new FactoryAgents(() -> "gpt-4o-mini", PIPELINE).defaults()) {
            assertEquals("flutter_factory", agent.type(), agent.agentId());
            assertEquals("active", agent.status(), agent.agentId());
            assertEquals("gpt-4o-mini", agent.model(), agent.agentId());
            assertTrue(agent.name().endsWith(" Agent"), agent.name());
            assertTrue(agent.description().length() > 20, agent.agentId());
            assertTrue(agent.systemPrompt().length() > 500, agent.agentId() + " has a thin system prompt");
            assertNull(agent.updatedAt(), agent.agentId());
        }
        assertEquals("Dev Agent", agents.defaults("dev_agent").name());
    }

    @Test
    void code_writing_agents_answer_with_files_in_fenced_blocks_carrying_their_path() {
        for (String id : List.of("create_agent", "dev_agent", "qa_agent", "refactor_agent", "repair_agent",
                "runtime_agent")) {
            String prompt = agents.defaults(id).systemPrompt();
            assertTrue(prompt.contains("path=source/"), id + " does not show a source path");
            assertTrue(prompt.contains("complete file"), id + " does not ask for whole files");
        }
    }

    @Test
    void document_writing_agents_write_markdown_under_docs() {
        for (String id : List.of("ba_agent", "backend_agent", "architect_agent", "uiux_agent", "qa_agent",
                "runtime_agent", "security_agent", "reviewer_agent", "export_agent")) {
            assertTrue(agents.defaults(id).systemPrompt().contains("```markdown path=docs/"), id);
        }
    }

    @Test
    void gates_end_with_a_verdict_line_the_pipeline_can_read() {
        Map<String, List<String>> verdicts = Map.of("qa_agent", List.of("pass", "fail"),
                "runtime_agent", List.of("pass", "fail"), "security_agent", List.of("pass", "flag"),
                "reviewer_agent", List.of("pass", "flag"));
        verdicts.forEach((id, expected) -> {
            String prompt = agents.defaults(id).systemPrompt();
            for (String verdict : expected) {
                String line = "VERDICT: " + verdict.toUpperCase(java.util.Locale.ROOT);
                assertTrue(prompt.contains(line), id + " asks for " + line);
                assertEquals(verdict, dev.athanor.model.factory.GeneratedFiles.verdict("report\n" + line), line);
            }
        });
    }

    @Test
    void an_unknown_agent_id_is_not_found() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> agents.defaults("config"));
        assertEquals("Agent 'config' not found", e.getMessage());
    }
}
