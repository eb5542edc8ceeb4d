package dev.athanor.factory;

import dev.athanor.testkit.ApiDocumentContract;

import java.util.Set;

class FactoryApiDocumentTest extends ApiDocumentContract {

    @Override
    protected String surface() {
        return "factory";
    }

    /** Seed 003's sections; its "Auth" is the shared Authentication group, which also holds GET /api/auth/me. */
    @Override
    protected Set<String> documentedGroups() {
        return Set.of("System", "Jobs", "Projects", "Agents", "Settings", "Providers", "HITL (Human-in-the-Loop)",
                "HITL (Unified Queue)", "Observability", "System Settings");
    }
}
