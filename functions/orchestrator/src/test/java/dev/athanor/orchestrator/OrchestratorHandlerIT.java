package dev.athanor.orchestrator;

import dev.athanor.testkit.SurfaceHandlerContract;

class OrchestratorHandlerIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "OrchestratorFunction";
    }

    @Override
    protected String healthPath() {
        return "/api/health";
    }

    @Override
    protected String healthField() {
        return "database";
    }
}
