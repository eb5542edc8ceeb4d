package dev.athanor.factory;

import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agents API reads its bodies itself (to tell a null field from a missing one); this checks it on the Netty
 * server the local platform runs, next to the Lambda handler the other tests use.
 */
@ExtendWith(LocalStackExtension.class)
class AgentsOnNettyIT {

    private static ApplicationContext context;
    private static EmbeddedServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = TestFunctions.start("FactoryFunction");
        server = context.getBean(EmbeddedServer.class).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        return context.getBean(JsonMapper.class).readValue(response.body(), Map.class);
    }

    private static String token() throws Exception {
        var minted = context.getBean(JsonMapper.class).readValue(CLIENT.send(HttpRequest
                .newBuilder(URI.create(server.getURL() + "/api/auth/token"))
                .header("X-Admin-Key", TestFunctions.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"team_id\": \"netty-team\", \"role\": \"member\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body(), Map.class);
        return (String) minted.get("token");
    }

    @Test
    void a_body_larger_than_one_network_read_is_answered() throws Exception {
        String token = token();
        for (int size : new int[]{64 * 1024, 200 * 1024, 900 * 1024}) {
            var patched = send("PATCH", "/api/agents/ba_agent", token, "{\"name\": \"" + "n".repeat(size) + "\"}");
            assertEquals(422, patched.statusCode(), size + ": " + patched.body());
            assertTrue(((String) json(patched).get("detail")).equals("Invalid agent configuration: name must be 1 to 100 characters"),
                    patched.body());
        }
        var kept = send("GET", "/api/agents/ba_agent", token, null);
        assertEquals(200, kept.statusCode(), kept.body());
    }

    @Test
    void bodies_are_read_on_the_netty_server_too() throws Exception {
        String token = token();

        var tested = send("POST", "/api/agents/ba_agent/test", token, null);
        assertEquals(200, tested.statusCode(), tested.body());
        assertEquals("ok", json(tested).get("status"));

        var patched = send("PATCH", "/api/agents/ba_agent", token, "{\"name\": \"Analyst\", \"status\": \"disabled\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Analyst", json(patched).get("name"));

        var reset = send("PATCH", "/api/agents/ba_agent", token, "{\"name\": null}");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals("BA Agent", json(reset).get("name"));
        assertEquals("disabled", json(reset).get("status"));

        var malformed = send("PATCH", "/api/agents/ba_agent", token, "{\"name\": ");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals(Map.of("detail", "The body is not valid JSON"), json(malformed));
    }
}
