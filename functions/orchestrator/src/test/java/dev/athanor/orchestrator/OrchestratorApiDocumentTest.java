package dev.athanor.orchestrator;

import dev.athanor.testkit.ApiDocumentContract;

import java.util.Set;

class OrchestratorApiDocumentTest extends ApiDocumentContract {

    @Override
    protected String surface() {
        return "orchestrator";
    }

    /** Seed 002's table of contents (its data models aside). */
    @Override
    protected Set<String> documentedGroups() {
        return Set.of("Orchestration", "Projects", "Tasks", "Metrics", "Agents", "HRM", "WebSocket",
                "Health & System", "Authentication",
                // tasks from GitHub issues (the document's tasks carry issue_number and labels; it names no route)
                "GitHub");
    }
}
