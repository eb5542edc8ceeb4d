package dev.athanor.gateway;

import dev.athanor.testkit.SurfaceHandlerContract;

class GatewayHandlerIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "GatewayFunction";
    }

    @Override
    protected String healthPath() {
        return "/health";
    }

    @Override
    protected String healthField() {
        return "uptime_sec";
    }
}
