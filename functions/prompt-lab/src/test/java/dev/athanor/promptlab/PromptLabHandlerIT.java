package dev.athanor.promptlab;

import dev.athanor.testkit.SurfaceHandlerContract;

class PromptLabHandlerIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "PromptLabFunction";
    }

    @Override
    protected String healthPath() {
        return "/api";
    }

    @Override
    protected String healthField() {
        return "status";
    }
}
