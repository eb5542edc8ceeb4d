package dev.athanor.gateway.ollama;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.ollama.OllamaServer;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the Lambda handler: with no Ollama configured the routes are 503; with Ollama down they are 502. */
@ExtendWith(LocalStackExtension.class)
class OllamaUnavailableIT {

    @Test
    void without_ollama_base_url_every_route_is_503_saying_so() {
        try (LambdaHttp http = LambdaHttp.start("GatewayFunction")) {
            String admin = token(http);

            LambdaHttp.Response models = http.send(request("GET", "/ollama/models").bearer(admin));
            LambdaHttp.Response generate = http.send(request("POST", "/ollama/generate").bearer(admin)
                    .json("{\"model\":\"llama2:7b\",\"prompt\":\"hi\"}"));
            LambdaHttp.Response pull = http.send(request("POST", "/ollama/pull").bearer(admin)
                    .json("{\"name\":\"llama2:7b\"}"));
            LambdaHttp.Response delete = http.send(request("DELETE", "/ollama/models/llama2:7b").bearer(admin));

            for (LambdaHttp.Response response : new LambdaHttp.Response[]{models, generate, pull, delete}) {
                assertEquals(503, response.status(), response.body());
                assertEquals(OllamaServer.NOT_CONFIGURED, response.get("detail"));
            }
        }
    }

    @Test
    void with_ollama_down_the_routes_are_502_naming_ollama() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LambdaHttp http = LambdaHttp.start("GatewayFunction",
                Map.of("ollama.base.url", "http://127.0.0.1:" + closedPort))) {
            String admin = token(http);

            LambdaHttp.Response models = http.send(request("GET", "/ollama/models").bearer(admin));
            LambdaHttp.Response generate = http.send(request("POST", "/ollama/generate").bearer(admin)
                    .json("{\"model\":\"llama2:7b\",\"prompt\":\"hi\",\"stream\":true}"));

            for (LambdaHttp.Response response : new LambdaHttp.Response[]{models, generate}) {
                assertEquals(502, response.status(), response.body());
                String detail = (String) response.get("detail");
                assertTrue(detail.startsWith("The Ollama server could not be reached or failed"), detail);
            }
        }
    }

    private static String token(LambdaHttp http) {
        return http.context().getBean(TokenIssuer.class).issue(TeamId.of("ollama-team"), Roles.ADMIN).token();
    }
}
