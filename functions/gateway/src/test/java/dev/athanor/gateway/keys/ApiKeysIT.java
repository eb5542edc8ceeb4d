package dev.athanor.gateway.keys;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.keys.ApiKey;
import dev.athanor.model.keys.ApiKeyStore;
import dev.athanor.model.keys.ApiKeyText;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.gateway.keys.KeyHttp.apiKey;
import static dev.athanor.gateway.keys.KeyHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's {@code /auth/keys} routes and API-key authentication, on a running gateway and the embedded stack. */
@ExtendWith(LocalStackExtension.class)
class ApiKeysIT {

    private static ApplicationContext context;
    private static KeyHttp http;

    private TeamId team;
    private String admin;

    @BeforeAll
    static void startGateway() {
        context = TestFunctions.start("GatewayFunction");
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        http = new KeyHttp("http://localhost:" + server.getPort(), context.getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void freshTeam() {
        team = TeamId.of("keys-" + UUID.randomUUID());
        admin = token(team, Roles.ADMIN, "user-admin");
    }

    private static String token(TeamId team, String role, String userId) {
        return context.getBean(TokenIssuer.class).issue(new TeamPrincipal(team, role, userId, userId, null),
                Duration.ofHours(1)).token();
    }

    private KeyHttp.Answer create(String credential, String body) {
        return http.send("POST", "/auth/keys", body, bearer(credential));
    }

    private String createdKey(String body) {
        KeyHttp.Answer created = create(admin, body);
        assertEquals(201, created.status(), created.raw().body());
        return (String) created.body().get("key");
    }

    @Test
    void an_admin_creates_a_key_that_is_shown_once_with_every_field_and_stored_only_as_a_hash() {
        KeyHttp.Answer created = create(admin, """
                {"name": "ci bot", "role": "viewer", "expires_at": "2099-01-01T00:00:00Z",
                 "allowed_models": ["gpt-4o-mini", "sandbox"], "budget_usd": 12.5, "budget_period": "day",
                 "requests_per_minute": 60, "tokens_per_minute": 10000}""");

        assertEquals(201, created.status(), created.raw().body());
        Map<String, Object> body = created.body();
        String id = (String) body.get("id");
        String key = (String) body.get("key");
        assertTrue(ApiKeyText.isKeyId(id), id);
        assertEquals(ApiKeyText.PREFIX + id + "-", key.substring(0, ApiKeyText.PREFIX.length() + 17));
        assertEquals("api_key", body.get("object"));
        assertEquals("ci bot", body.get("name"));
        assertEquals(team.value(), body.get("team_id"));
        assertEquals("viewer", body.get("role"));
        assertEquals("user-admin", body.get("created_by"));
        assertNotNull(Instant.parse((String) body.get("created_at")));
        assertEquals("2099-01-01T00:00:00Z", body.get("expires_at"));
        assertEquals(List.of("gpt-4o-mini", "sandbox"), body.get("allowed_models"));
        assertEquals(12.5, ((Number) body.get("budget_usd")).doubleValue());
        assertEquals("day", body.get("budget_period"));
        assertEquals(60, body.get("requests_per_minute"));
        assertEquals(10000, body.get("tokens_per_minute"));
        assertTrue(body.containsKey("revoked_at"));
        assertNull(body.get("revoked_at"));
        assertEquals(true, body.get("active"));
        assertEquals(16, body.size());

        KeyHttp.Answer read = http.send("GET", "/auth/keys/" + id, null, bearer(admin));
        assertEquals(200, read.status());
        Map<String, Object> withoutKey = new java.util.LinkedHashMap<>(body);
        withoutKey.remove("key");
        assertEquals(withoutKey, read.body(), "the same fields, without the key");
        KeyHttp.Answer listed = http.send("GET", "/auth/keys", null, bearer(admin));
        assertEquals(200, listed.status());
        assertEquals(List.of(withoutKey), listed.list());
        assertFalse(listed.raw().body().contains(key.substring(ApiKeyText.PREFIX.length() + 17)));

        String secret = ApiKeyText.parse(key).orElseThrow().secret();
        Map<String, AttributeValue> item = context.getBean(DynamoDbClient.class).getItem(b -> b
                .tableName(context.getBean(TableNames.class).require(Tables.API_KEYS))
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        assertEquals(ApiKeyText.hash(secret), item.get("secret_hash").s());
        assertEquals(team.value(), item.get("team_id").s());
        item.values().forEach(value -> assertFalse(String.valueOf(value).contains(secret), "the secret is not stored"));
    }

    @Test
    void a_key_authenticates_as_a_bearer_token_and_in_x_api_key_as_its_team_and_role() {
        String key = createdKey("{\"name\": \"reader\", \"role\": \"viewer\"}");

        for (String[] header : List.of(bearer(key), apiKey(key))) {
            KeyHttp.Answer me = http.send("GET", "/api/auth/me", null, header);
            assertEquals(200, me.status(), header[0]);
            assertEquals(Map.of("team_id", team.value(), "role", "viewer"), me.body());
        }
        KeyHttp.Answer chat = http.send("POST", "/v1/chat/completions",
                "{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", apiKey(key));
        assertEquals(200, chat.status(), chat.raw().body());
    }

    @Test
    void revoked_expired_forged_malformed_and_unknown_keys_are_refused_with_401() {
        String key = createdKey("{\"name\": \"short-lived\"}");
        String id = ApiKeyText.parse(key).orElseThrow().keyId();
        assertEquals(200, http.send("GET", "/api/auth/me", null, bearer(key)).status());

        KeyHttp.Answer revoked = http.send("DELETE", "/auth/keys/" + id, null, bearer(admin));
        assertEquals(200, revoked.status());
        assertNotNull(Instant.parse((String) revoked.body().get("revoked_at")));
        assertEquals(false, revoked.body().get("active"));
        assertEquals(revoked.body(), http.send("DELETE", "/auth/keys/" + id, null, bearer(admin)).body(),
                "revoking again changes nothing");
        assertNotNull(context.getBean(ApiKeyStore.class).find(id).orElseThrow().revokedAt());

        String expired = storedKey(Instant.now().minusSeconds(1));
        String forged = key.substring(0, key.length() - 4) + "AAAA";
        String unknown = ApiKeyText.format("zzzzzzzzzzzzzzzz", key.substring(key.length() - 43));
        for (String refused : List.of(key, expired, forged, unknown, "sk-ath-nonsense")) {
            KeyHttp.Answer me = http.send("GET", "/api/auth/me", null, bearer(refused));
            assertEquals(401, me.status(), refused);
            assertEquals(401, http.send("GET", "/api/auth/me", null, apiKey(refused)).status(), refused);
            KeyHttp.Answer chat = http.send("POST", "/v1/chat/completions",
                    "{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", bearer(refused));
            assertEquals(401, chat.status());
            assertEquals("invalid_api_key", chat.error().get("code"));
            assertEquals(chat.body().get("detail"), chat.error().get("message"));
        }
    }

    private String storedKey(Instant expiresAt) {
        String id = "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        String secret = "s".repeat(43);
        context.getBean(ApiKeyStore.class).create(new ApiKey(id, team, "expired", Roles.MEMBER, null,
                expiresAt.minusSeconds(60), expiresAt, null, null, null, null, null, null, ApiKeyText.hash(secret),
                null));
        return ApiKeyText.format(id, secret);
    }

    @Test
    void every_wrong_field_is_named_in_a_422_and_nothing_is_stored() {
        KeyHttp.Answer refused = create(admin, """
                {"name": "", "role": "owner", "expires_at": "2000-01-01T00:00:00Z", "allowed_models": [],
                 "budget_usd": -1, "budget_period": "week", "requests_per_minute": 0, "tokens_per_minute": 1.5}""");

        assertEquals(422, refused.status());
        String detail = (String) refused.body().get("detail");
        for (String field : List.of("name", "role", "expires_at", "allowed_models", "budget_usd", "budget_period",
                "requests_per_minute", "tokens_per_minute")) {
            assertTrue(detail.contains(field + " "), field + " in " + detail);
        }
        assertEquals(400, create(admin, "{\"name\": ").status());
        assertEquals(List.of(), http.send("GET", "/auth/keys", null, bearer(admin)).list());
    }

    @Test
    void viewers_cannot_create_members_get_at_most_their_role_and_other_teams_see_nothing() {
        String viewer = token(team, Roles.VIEWER, "user-viewer");
        String member = token(team, Roles.MEMBER, "user-member");
        assertEquals(403, create(viewer, "{\"name\": \"x\"}").status());
        assertEquals(403, create(member, "{\"name\": \"x\", \"role\": \"admin\"}").status());
        KeyHttp.Answer own = create(member, "{\"name\": \"mine\"}");
        assertEquals(201, own.status());
        assertEquals("member", own.body().get("role"));
        assertEquals("user-member", own.body().get("created_by"));
        String id = (String) own.body().get("id");
        String adminKeyId = ApiKeyText.parse(createdKey("{\"name\": \"admins\"}")).orElseThrow().keyId();
        assertEquals(403, http.send("DELETE", "/auth/keys/" + adminKeyId, null, bearer(member)).status());
        assertEquals(403, create(createdKey("{\"name\": \"k\", \"role\": \"admin\"}"), "{\"name\": \"y\"}").status(),
                "a key cannot create keys");

        String stranger = token(TeamId.of("other-" + UUID.randomUUID()), Roles.ADMIN, "user-x");
        assertEquals(404, http.send("GET", "/auth/keys/" + id, null, bearer(stranger)).status());
        assertEquals(404, http.send("DELETE", "/auth/keys/" + id, null, bearer(stranger)).status());
        assertEquals(List.of(), http.send("GET", "/auth/keys", null, bearer(stranger)).list());
        assertNull(context.getBean(ApiKeyStore.class).find(id).orElseThrow().revokedAt());
        assertEquals(200, http.send("DELETE", "/auth/keys/" + id, null, bearer(member)).status(),
                "a member revokes the keys their account created");
        assertEquals(401, http.send("GET", "/auth/keys", null).status());
    }

    @Test
    void the_list_pages_newest_first_with_a_cursor_for_this_team_only() {
        createdKey("{\"name\": \"first\"}");
        createdKey("{\"name\": \"second\"}");

        KeyHttp.Answer page1 = http.send("GET", "/auth/keys?limit=1", null, bearer(admin));
        String cursor = page1.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        KeyHttp.Answer page2 = http.send("GET", "/auth/keys?limit=1&cursor=" + cursor, null, bearer(admin));

        assertEquals("second", ((Map<?, ?>) page1.list().get(0)).get("name"));
        assertEquals("first", ((Map<?, ?>) page2.list().get(0)).get("name"));
        assertTrue(page2.raw().headers().firstValue("X-Next-Cursor").isEmpty());
        String stranger = token(TeamId.of("other-" + UUID.randomUUID()), Roles.ADMIN, "user-x");
        assertEquals(422, http.send("GET", "/auth/keys?limit=1&cursor=" + cursor, null, bearer(stranger)).status());
        assertEquals(422, http.send("GET", "/auth/keys?limit=0", null, bearer(admin)).status());
    }
}
