package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.TestFunctions;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Mints team tokens through the factory's own {@code POST /api/auth/token}, as a client would. */
final class FactoryTokens {

    private FactoryTokens() {
    }

    static String mint(LambdaHttp http, String team, String role) {
        var response = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"team_id\":\"" + team + "\",\"role\":\"" + role + "\"}"));
        assertEquals(200, response.status(), response.body());
        return (String) response.get("token");
    }
}
