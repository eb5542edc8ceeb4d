package dev.athanor.actions;

import dev.athanor.testkit.SurfaceHandlerContract;

class ActionsHandlerIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "ActionsFunction";
    }

    @Override
    protected String healthPath() {
        return "/api/v1/llm/health";
    }

    @Override
    protected String healthField() {
        return "data";
    }

    @Override
    protected String errorField() {
        return "error";
    }
}
