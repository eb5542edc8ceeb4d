package dev.athanor.factory;

import dev.athanor.testkit.SurfaceHandlerContract;

class FactoryContractIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "FactoryFunction";
    }

    @Override
    protected String healthPath() {
        return "/health";
    }

    @Override
    protected String healthField() {
        return "queue_backend";
    }
}
