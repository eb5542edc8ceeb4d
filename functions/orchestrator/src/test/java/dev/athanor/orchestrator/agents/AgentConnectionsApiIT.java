package dev.athanor.orchestrator.agents;

import dev.athanor.model.secrets.SecretSealer;
import dev.athanor.orchestrator.agents.AgentsTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.athanor.orchestrator.agents.AgentsTesting.detail;
import static dev.athanor.orchestrator.agents.AgentsTesting.newCaller;
import static dev.athanor.orchestrator.agents.AgentsTesting.stored;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agent connections through the orchestrator's Lambda handler. */
@ExtendWith(LocalStackExtension.class)
class AgentConnectionsApiIT {

    private static final String BASE = "/api/agents/connections";
    private static final List<String> FIELDS = List.of("agent_id", "agent_name", "connection_type", "endpoint", "port",
            "api_key_id", "enabled", "model");

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start(AgentsTesting.FUNCTION);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(Caller caller, String method, String path, String body) {
        return AgentsTesting.send(http, caller, method, path, body);
    }

    @Test
    void a_connection_is_created_with_defaults_read_listed_updated_and_deleted() {
        Caller caller = newCaller(http);

        var created = send(caller, "POST", BASE, """
                {"agent_id": "claude_main", "agent_name": "Claude Desktop", "connection_type": "local"}""");
        var other = send(caller, "POST", BASE, """
                {"agent_id": "gemini_main", "agent_name": "Google Gemini", "connection_type": "api",
                 "endpoint": "https://generativelanguage.googleapis.com", "port": 443, "enabled": false,
                 "model": "gemini-2.0-flash"}""");
        var read = send(caller, "GET", BASE + "/claude_main", null);
        var listed = send(caller, "GET", BASE, null);
        var updated = send(caller, "PUT", BASE + "/claude_main", """
                {"agent_name": "Claude Code", "port": 8080}""");
        var deleted = send(caller, "DELETE", BASE + "/claude_main", null);
        var gone = send(caller, "GET", BASE + "/claude_main", null);

        assertEquals(201, created.status(), created.body());
        Map<String, Object> connection = created.map();
        assertEquals(FIELDS, List.copyOf(connection.keySet()));
        Map<String, Object> expected = new HashMap<>();
        expected.putAll(Map.of("agent_id", "claude_main", "agent_name", "Claude Desktop", "connection_type", "local",
                "enabled", true));
        expected.put("endpoint", null);
        expected.put("port", null);
        expected.put("api_key_id", null);
        expected.put("model", null);
        assertEquals(expected, connection);
        assertEquals(201, other.status(), other.body());
        assertEquals(false, other.get("enabled"));
        assertEquals(443, other.get("port"));
        assertEquals("gemini-2.0-flash", other.get("model"));
        assertEquals(connection, read.map());
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of(connection, other.map()), listed.get("connections"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("Claude Code", updated.get("agent_name"));
        assertEquals(8080, updated.get("port"));
        assertEquals("local", updated.get("connection_type"), "a field not given stays");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("message", "Agent connection deleted"), deleted.map());
        detail(gone, 404);
        assertTrue(stored(caller.team(), "connection#claude_main").isEmpty());
    }

    @Test
    void an_agent_id_is_one_connection_a_second_create_is_a_conflict_and_changes_nothing() {
        Caller caller = newCaller(http);
        send(caller, "POST", BASE, """
                {"agent_id": "claude_main", "agent_name": "First", "connection_type": "local"}""");

        var again = send(caller, "POST", BASE, """
                {"agent_id": "claude_main", "agent_name": "Second", "connection_type": "api"}""");

        assertTrue(detail(again, 409).contains("claude_main"), again.body());
        assertEquals("First", send(caller, "GET", BASE + "/claude_main", null).get("agent_name"));
    }

    @Test
    void invalid_fields_are_422_naming_each_and_nothing_is_stored() {
        Caller caller = newCaller(http);

        var badType = send(caller, "POST", BASE, """
                {"agent_id": "a1", "agent_name": "A", "connection_type": "ftp", "port": 0}""");
        var missing = send(caller, "POST", BASE, "{}");
        var badId = send(caller, "POST", BASE, """
                {"agent_id": "../etc", "agent_name": "A", "connection_type": "local"}""");
        var remoteWithoutEndpoint = send(caller, "POST", BASE, """
                {"agent_id": "a2", "agent_name": "A", "connection_type": "remote"}""");
        var modelOnLocal = send(caller, "POST", BASE, """
                {"agent_id": "a3", "agent_name": "A", "connection_type": "local", "model": "m"}""");
        var wrongTypes = send(caller, "POST", BASE, """
                {"agent_id": "a4", "agent_name": "A", "connection_type": "local", "port": "80", "enabled": "yes"}""");
        var portTooHigh = send(caller, "POST", BASE, """
                {"agent_id": "a5", "agent_name": "A", "connection_type": "local", "port": 65536}""");
        var malformed = send(caller, "POST", BASE, "{\"agent_id\": ");

        String typeDetail = detail(badType, 422);
        assertTrue(typeDetail.contains("connection_type") && typeDetail.contains("port"), typeDetail);
        String missingDetail = detail(missing, 422);
        assertTrue(missingDetail.contains("agent_id") && missingDetail.contains("agent_name")
                && missingDetail.contains("connection_type"), missingDetail);
        assertTrue(detail(badId, 422).contains("agent_id"), badId.body());
        assertTrue(detail(remoteWithoutEndpoint, 422).contains("endpoint"), remoteWithoutEndpoint.body());
        assertTrue(detail(modelOnLocal, 422).contains("model"), modelOnLocal.body());
        String typesDetail = detail(wrongTypes, 422);
        assertTrue(typesDetail.contains("port") && typesDetail.contains("enabled"), typesDetail);
        assertTrue(detail(portTooHigh, 422).contains("port"), portTooHigh.body());
        detail(malformed, 400);
        assertEquals(List.of(), send(caller, "GET", BASE, null).get("connections"));
    }

    @Test
    void an_endpoint_the_ssrf_guard_refuses_is_422_on_create_and_update_and_nothing_changes() {
        Caller caller = newCaller(http);
        send(caller, "POST", BASE, """
                {"agent_id": "remote_one", "agent_name": "R", "connection_type": "remote",
                 "endpoint": "https://agents.example.com"}""");

        var metadata = send(caller, "POST", BASE, """
                {"agent_id": "remote_two", "agent_name": "R", "connection_type": "remote",
                 "endpoint": "http://169.254.169.254/latest/meta-data"}""");
        var fileUrl = send(caller, "PUT", BASE + "/remote_one", """
                {"endpoint": "file:///etc/passwd"}""");
        var decimalMetadata = send(caller, "PUT", BASE + "/remote_one", """
                {"endpoint": "http://2852039166/"}""");

        assertTrue(detail(metadata, 422).contains("endpoint"), metadata.body());
        assertTrue(detail(fileUrl, 422).contains("endpoint"), fileUrl.body());
        assertTrue(detail(decimalMetadata, 422).contains("endpoint"), decimalMetadata.body());
        detail(send(caller, "GET", BASE + "/remote_two", null), 404);
        assertEquals("https://agents.example.com",
                send(caller, "GET", BASE + "/remote_one", null).get("endpoint"));
    }

    @Test
    void an_api_key_is_stored_sealed_never_returned_kept_on_update_replaced_and_removed() {
        Caller caller = newCaller(http);

        var created = send(caller, "POST", BASE, """
                {"agent_id": "gemini_main", "agent_name": "Gemini", "connection_type": "api",
                 "api_key": "sk-plain-secret-1"}""");
        String keyId = (String) created.get("api_key_id");
        var item = stored(caller.team(), "connection#gemini_main");
        var renamed = send(caller, "PUT", BASE + "/gemini_main", """
                {"agent_name": "Gemini 2", "api_key_id": "%s"}""".formatted(keyId));
        var afterRename = stored(caller.team(), "connection#gemini_main");
        var rotated = send(caller, "PUT", BASE + "/gemini_main", """
                {"api_key": "sk-plain-secret-2"}""");
        var listed = send(caller, "GET", BASE, null);
        var removed = send(caller, "PUT", BASE + "/gemini_main", """
                {"api_key_id": null}""");

        assertEquals(201, created.status(), created.body());
        assertNotNull(keyId, created.body());
        assertFalse(created.body().contains("sk-plain-secret"), created.body());
        assertFalse(created.map().containsKey("api_key"), created.body());
        String sealed = item.get("sealed_api_key").s();
        assertFalse(sealed.contains("sk-plain-secret-1"), sealed);
        assertEquals("sk-plain-secret-1", http.context().getBean(SecretSealer.class).unseal(sealed,
                caller.team() + "/agent-connections/gemini_main/" + keyId));
        assertEquals(keyId, renamed.get("api_key_id"), "the key id sent back keeps the key");
        assertEquals("Gemini 2", renamed.get("agent_name"));
        assertEquals(sealed, afterRename.get("sealed_api_key").s());
        assertNotEquals(keyId, rotated.get("api_key_id"));
        assertFalse(rotated.body().contains("sk-plain-secret"), rotated.body());
        assertFalse(listed.body().contains("sk-plain-secret"), listed.body());
        assertNull(removed.get("api_key_id"), removed.body());
        assertNull(stored(caller.team(), "connection#gemini_main").get("sealed_api_key"));
    }

    @Test
    void a_key_id_of_the_clients_own_names_a_key_kept_elsewhere_as_the_document_example_does() {
        Caller caller = newCaller(http);
        var created = send(caller, "POST", BASE, """
                {"agent_id": "gemini_main", "agent_name": "Google Gemini", "connection_type": "api",
                 "endpoint": "https://generativelanguage.googleapis.com", "port": null, "api_key_id": "key_123",
                 "enabled": true}""");
        var withKey = send(caller, "POST", BASE, """
                {"agent_id": "claude_main", "agent_name": "C", "connection_type": "api", "api_key": "sk-1"}""");
        var referenced = send(caller, "PUT", BASE + "/claude_main", """
                {"api_key_id": "vault_claude"}""");
        var named = send(caller, "POST", BASE, """
                {"agent_id": "named", "agent_name": "N", "connection_type": "api", "api_key": "sk-2",
                 "api_key_id": "mine_1"}""");
        var bad = send(caller, "PUT", BASE + "/gemini_main", """
                {"api_key_id": "has spaces/and slashes"}""");

        assertEquals(201, created.status(), created.body());
        assertEquals("key_123", created.get("api_key_id"));
        assertTrue(stored(caller.team(), "connection#gemini_main").get("sealed_api_key") == null);
        assertEquals(201, withKey.status(), withKey.body());
        assertEquals("vault_claude", referenced.get("api_key_id"));
        assertNull(stored(caller.team(), "connection#claude_main").get("sealed_api_key"),
                "the key stored under the old id goes when the id names another");
        assertEquals("mine_1", named.get("api_key_id"));
        assertEquals("sk-2", http.context().getBean(SecretSealer.class).unseal(
                stored(caller.team(), "connection#named").get("sealed_api_key").s(),
                caller.team() + "/agent-connections/named/mine_1"));
        assertTrue(detail(bad, 422).contains("api_key_id"), bad.body());
        assertEquals("key_123", send(caller, "GET", BASE + "/gemini_main", null).get("api_key_id"));
    }

    @Test
    void another_teams_connection_and_ids_that_cannot_be_ids_are_404_and_stay_untouched() {
        Caller owner = newCaller(http);
        Caller stranger = newCaller(http);
        send(owner, "POST", BASE, """
                {"agent_id": "claude_main", "agent_name": "Mine", "connection_type": "local"}""");

        var read = send(stranger, "GET", BASE + "/claude_main", null);
        var update = send(stranger, "PUT", BASE + "/claude_main", """
                {"agent_name": "Theirs"}""");
        var delete = send(stranger, "DELETE", BASE + "/claude_main", null);
        var listed = send(stranger, "GET", BASE, null);
        var oddId = send(owner, "GET", BASE + "/" + "x".repeat(300), null);
        var oddChars = send(owner, "GET", BASE + "/a%20b", null);

        detail(read, 404);
        detail(update, 404);
        detail(delete, 404);
        assertEquals(List.of(), listed.get("connections"));
        detail(oddId, 404);
        detail(oddChars, 404);
        assertEquals("Mine", send(owner, "GET", BASE + "/claude_main", null).get("agent_name"));
    }

    @Test
    void the_agent_id_cannot_be_changed_by_an_update() {
        Caller caller = newCaller(http);
        send(caller, "POST", BASE, """
                {"agent_id": "claude_main", "agent_name": "C", "connection_type": "local"}""");

        var renamed = send(caller, "PUT", BASE + "/claude_main", """
                {"agent_id": "claude_other"}""");
        var same = send(caller, "PUT", BASE + "/claude_main", """
                {"agent_id": "claude_main", "connection_type": "remote", "endpoint": "https://agent.example.com"}""");

        assertTrue(detail(renamed, 422).contains("agent_id"), renamed.body());
        assertEquals(200, same.status(), same.body());
        assertEquals("remote", same.get("connection_type"));
        detail(send(caller, "GET", BASE + "/claude_other", null), 404);
    }

    @Test
    void a_list_pages_by_agent_id() {
        Caller caller = newCaller(http);
        for (String id : List.of("c", "a", "b")) {
            send(caller, "POST", BASE, """
                    {"agent_id": "%s", "agent_name": "N", "connection_type": "local"}""".formatted(id));
        }

        var first = http.send(request("GET", BASE).bearer(caller.bearer()).query("limit", "2"));

        assertEquals(200, first.status(), first.body());
        assertEquals(List.of("a", "b"), ((List<?>) first.get("connections")).stream()
                .map(c -> ((Map<?, ?>) c).get("agent_id")).toList());
        assertNotNull(first.header("X-Next-Cursor"), first.headers().toString());
    }
}
