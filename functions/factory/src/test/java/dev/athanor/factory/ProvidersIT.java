package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The factory's provider registry through the Lambda handler: listing, create, upsert, patch, delete, validation,
 * read-only environment and sandbox providers, and team isolation, with the stored DynamoDB items.
 */
@ExtendWith(LocalStackExtension.class)
class ProvidersIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        // an operator's provider, so the environment's read-only rules can be seen; never called here
        http = LambdaHttp.start("FactoryFunction", Map.of("openai.api.key", "sk-operator-secret",
                "athanor.llm.provider-key-env", "EXAMPLE_API_KEY,OPENAI_API_KEY"));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    static String token(String team) {
        return FactoryTokens.mint(http, team, "member");
    }

    static Map<String, AttributeValue> storedProvider(String team, String name) {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_PROVIDERS");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(name)))).item();
    }

    static int storedProviders(String team) {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_PROVIDERS");
        return LocalStackExtension.stack().dynamo().query(r -> r.tableName(table).keyConditionExpression("team_id = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(team)))).count();
    }

    static List<Map<String, Object>> list(LambdaHttp.Response response) {
        try {
            return response.json().readValue(response.body(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON array: " + response.body(), e);
        }
    }

    static Map<String, Object> named(List<Map<String, Object>> providers, String name) {
        return providers.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in " + providers));
    }

    @Test
    void the_listing_shows_registered_environment_and_sandbox_providers_and_never_a_key() {
        String bearer = token("list-team");
        http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"zeta\", \"base_url\": "
                + "\"http://127.0.0.1:9/zeta/v1\", \"api_key\": \"sk-team-secret\", \"default_model\": \"z-1\"}"));
        http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"alpha\", \"kind\": \"ollama\", "
                + "\"base_url\": \"http://127.0.0.1:11434\", \"enabled\": false}"));

        var response = http.send(request("GET", "/api/providers").bearer(bearer));

        assertEquals(200, response.status(), response.body());
        List<Map<String, Object>> providers = list(response);
        assertEquals(List.of("alpha", "zeta", "openai", "sandbox"),
                providers.stream().map(p -> p.get("name")).toList());
        Map<String, Object> zeta = named(providers, "zeta");
        assertEquals("openai", zeta.get("kind"));
        assertEquals("team", zeta.get("source"));
        assertEquals("http://127.0.0.1:9/zeta/v1", zeta.get("base_url"));
        assertEquals("z-1", zeta.get("default_model"));
        assertEquals(true, zeta.get("has_api_key"));
        assertEquals(true, zeta.get("enabled"));
        assertEquals(true, zeta.get("active"), "the first enabled provider is tried first");
        assertTrue(zeta.containsKey("api_key_env"), "null fields are listed too");
        assertEquals(false, named(providers, "alpha").get("enabled"));
        assertEquals(false, named(providers, "alpha").get("active"));
        Map<String, Object> openai = named(providers, "openai");
        assertEquals("environment", openai.get("source"));
        assertNull(openai.get("base_url"), "the operator's URLs are not shown");
        assertEquals(true, openai.get("has_api_key"));
        assertEquals(false, openai.get("active"));
        assertEquals("builtin", named(providers, "sandbox").get("source"));
        assertEquals("sandbox", named(providers, "sandbox").get("kind"));
        assertFalse(response.body().contains("sk-"), response.body());
    }

    @Test
    void create_is_201_stores_the_key_sealed_and_a_second_create_of_the_name_is_409() {
        String bearer = token("create-team");

        var created = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"my-provider\", "
                + "\"base_url\": \"http://127.0.0.1:9/api/v1/\", \"api_key\": \"sk-plain\", \"default_model\": "
                + "\"example-model-v1\", \"enabled\": true}"));

        assertEquals(201, created.status(), created.body());
        assertEquals(Map.of("name", "my-provider", "kind", "openai", "source", "team", "base_url",
                "http://127.0.0.1:9/api/v1", "default_model", "example-model-v1", "has_api_key", true,
                "enabled", true, "active", true), withoutNulls(created.map()));
        Map<String, AttributeValue> item = storedProvider("create-team", "my-provider");
        assertEquals("openai", item.get("kind").s());
        assertEquals("http://127.0.0.1:9/api/v1", item.get("base_url").s());
        assertEquals("example-model-v1", item.get("options").m().get("default_model").s());
        assertTrue(item.get("sealed_api_key").s().startsWith("v1.local."));
        assertFalse(item.toString().contains("sk-plain"));

        var again = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"my-provider\"}"));
        assertEquals(409, again.status(), again.body());
        assertTrue(((String) again.get("detail")).contains("already exists"), again.body());
        assertEquals("1", storedProvider("create-team", "my-provider").get("version").n());

        for (String taken : List.of("openai", "sandbox")) {
            var conflict = http.send(request("POST", "/api/providers").bearer(bearer)
                    .json("{\"name\": \"" + taken + "\"}"));
            assertEquals(409, conflict.status(), conflict.body());
            assertTrue(storedProvider("create-team", taken).isEmpty());
        }
    }

    @Test
    void camel_case_fields_are_accepted() {
        var created = http.send(request("POST", "/api/providers").bearer(token("camel-team")).json("{\"name\": "
                + "\"camel\", \"baseUrl\": \"http://127.0.0.1:9/camel/v1\", \"defaultModel\": \"c-1\", "
                + "\"apiKeyEnv\": \"EXAMPLE_API_KEY\"}"));

        assertEquals(201, created.status(), created.body());
        assertEquals("http://127.0.0.1:9/camel/v1", created.get("base_url"));
        assertEquals("c-1", created.get("default_model"));
        assertEquals("EXAMPLE_API_KEY", created.get("api_key_env"));
        assertEquals(false, created.get("has_api_key"));
        assertEquals("EXAMPLE_API_KEY",
                storedProvider("camel-team", "camel").get("options").m().get("api_key_env").s());
    }

    @Test
    void upsert_creates_with_201_then_replaces_with_200_keeping_the_stored_key() {
        String bearer = token("upsert-team");

        var created = http.send(request("POST", "/api/providers/up").bearer(bearer).json("{\"base_url\": "
                + "\"http://127.0.0.1:9/one/v1\", \"api_key\": \"sk-up\", \"default_model\": \"m-1\"}"));
        assertEquals(201, created.status(), created.body());

        var replaced = http.send(request("POST", "/api/providers/up").bearer(bearer)
                .json("{\"name\": \"ignored\", \"base_url\": \"http://127.0.0.1:9/two/v1\", \"enabled\": false}"));

        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("up", replaced.get("name"));
        assertEquals("http://127.0.0.1:9/two/v1", replaced.get("base_url"));
        assertNull(replaced.get("default_model"), "a replacement drops the fields it leaves out");
        assertEquals(true, replaced.get("has_api_key"), "but keeps the key, which a client cannot send back");
        assertEquals(false, replaced.get("enabled"));
        Map<String, AttributeValue> item = storedProvider("upsert-team", "up");
        assertEquals("2", item.get("version").n());
        assertTrue(item.containsKey("sealed_api_key"));
        assertTrue(storedProvider("upsert-team", "ignored").isEmpty());
    }

    @Test
    void a_registration_may_take_an_environment_providers_name_and_hides_it_until_deleted() {
        String bearer = token("shadow-team");

        var created = http.send(request("POST", "/api/providers/openai").bearer(bearer)
                .json("{\"base_url\": \"http://127.0.0.1:9/proxy/v1\"}"));
        assertEquals(201, created.status(), created.body());

        List<Map<String, Object>> providers = list(http.send(request("GET", "/api/providers").bearer(bearer)));
        assertEquals(List.of("openai", "sandbox"), providers.stream().map(p -> p.get("name")).toList());
        assertEquals("team", named(providers, "openai").get("source"));

        assertEquals(200, http.send(request("DELETE", "/api/providers/openai").bearer(bearer)).status());
        providers = list(http.send(request("GET", "/api/providers").bearer(bearer)));
        assertEquals("environment", named(providers, "openai").get("source"));
    }

    @Test
    void a_base_url_that_may_not_be_called_is_422_on_every_write_and_changes_nothing() {
        String bearer = token("url-team");
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
                "http://metadata.google.internal/", "http://0xa9fea9fe/", "http://0251.0376.0251.0376/",
                "http://169.254.43518/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/",
                "http://[fe80::1]/", "http://metadata.google.internal./")) {
            for (var write : List.of(request("POST", "/api/providers").bearer(bearer)
                            .json("{\"name\": \"p\", \"base_url\": \"" + url + "\"}"),
                    request("POST", "/api/providers/p").bearer(bearer).json("{\"base_url\": \"" + url + "\"}"))) {
                var response = http.send(write);
                assertEquals(422, response.status(), url + " -> " + response.body());
                assertTrue(((String) response.get("detail"))
                        .contains("base_url must not point at a link-local or metadata address"), response.body());
            }
        }
        var credentials = http.send(request("POST", "/api/providers").bearer(bearer)
                .json("{\"name\": \"p\", \"base_url\": \"http://evil@169.254.169.254/\"}"));
        assertTrue(((String) credentials.get("detail")).contains("base_url must not contain credentials"),
                credentials.body());
        assertEquals(0, storedProviders("url-team"));

        var created = http.send(request("POST", "/api/providers").bearer(bearer)
                .json("{\"name\": \"p\", \"base_url\": \"https://llm.example.com/v1\"}"));
        assertEquals(201, created.status(), created.body());
        var patched = http.send(request("PATCH", "/api/providers/p").bearer(bearer)
                .json("{\"base_url\": \"http://[fd00:ec2::254]/\", \"enabled\": false}"));
        assertEquals(422, patched.status(), patched.body());
        assertEquals("https://llm.example.com/v1", storedProvider("url-team", "p").get("base_url").s());
        assertTrue(storedProvider("url-team", "p").get("enabled").bool());
    }

    @Test
    void patch_changes_only_the_given_fields() {
        String bearer = token("patch-team");
        http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"p\", \"base_url\": "
                + "\"http://127.0.0.1:9/p/v1\", \"api_key\": \"sk-p\", \"default_model\": \"m-1\"}"));

        var patched = http.send(request("PATCH", "/api/providers/p").bearer(bearer).json("{\"enabled\": false}"));

        assertEquals(200, patched.status(), patched.body());
        assertEquals(false, patched.get("enabled"));
        assertEquals("http://127.0.0.1:9/p/v1", patched.get("base_url"));
        assertEquals("m-1", patched.get("default_model"));
        assertEquals(true, patched.get("has_api_key"));
        assertFalse(storedProvider("patch-team", "p").get("enabled").bool());

        var switched = http.send(request("PATCH", "/api/providers/p").bearer(bearer)
                .json("{\"apiKeyEnv\": \"EXAMPLE_API_KEY\", \"default_model\": \"\"}"));
        assertEquals(200, switched.status(), switched.body());
        assertEquals("EXAMPLE_API_KEY", switched.get("api_key_env"));
        assertEquals(false, switched.get("has_api_key"), "a provider has one source of key");
        assertNull(switched.get("default_model"));
        assertFalse(storedProvider("patch-team", "p").containsKey("sealed_api_key"));
    }

    @Test
    void patch_and_delete_of_an_unknown_provider_are_404_and_of_a_read_only_one_409() {
        String bearer = token("readonly-team");
        for (String method : List.of("PATCH", "DELETE")) {
            var unknown = http.send(request(method, "/api/providers/nope").bearer(bearer).json("{\"enabled\": true}"));
            assertEquals(404, unknown.status(), unknown.body());
            assertEquals("Provider 'nope' not found", unknown.get("detail"));
            for (String readOnly : List.of("openai", "sandbox")) {
                var refused = http.send(request(method, "/api/providers/" + readOnly).bearer(bearer)
                        .json("{\"enabled\": false}"));
                assertEquals(409, refused.status(), method + " " + readOnly + ": " + refused.body());
                assertTrue(((String) refused.get("detail")).contains("cannot be changed or deleted"), refused.body());
            }
        }
        var sandboxUpsert = http.send(request("POST", "/api/providers/sandbox").bearer(bearer).json("{}"));
        assertEquals(409, sandboxUpsert.status(), sandboxUpsert.body());
        assertEquals(0, storedProviders("readonly-team"));
    }

    @Test
    void delete_removes_a_registered_provider() {
        String bearer = token("delete-team");
        http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"gone\"}"));

        var deleted = http.send(request("DELETE", "/api/providers/gone").bearer(bearer));

        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("provider", "gone", "status", "deleted"), deleted.map());
        assertTrue(storedProvider("delete-team", "gone").isEmpty());
        assertEquals(404, http.send(request("DELETE", "/api/providers/gone").bearer(bearer)).status());
    }

    @Test
    void invalid_input_is_422_naming_every_field_and_stores_nothing() {
        String bearer = token("invalid-team");

        var response = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"Bad Name!\", "
                + "\"kind\": \"gpt\", \"base_url\": \"http://169.254.169.254/latest\", \"api_key_env\": \"HOME\", "
                + "\"default_model\": \"has space\"}"));

        assertEquals(422, response.status(), response.body());
        String detail = (String) response.get("detail");
        for (String field : List.of("name", "kind", "base_url", "api_key_env", "default_model")) {
            assertTrue(detail.contains(field + " "), field + " in " + detail);
        }
        assertEquals(0, storedProviders("invalid-team"));
    }

    @Test
    void each_kind_of_bad_input_is_refused_alone_too() {
        String bearer = token("bad-team");
        Map<String, String> bodies = Map.of(
                "{}", "name is required",
                "{\"name\": \"p\", \"base_url\": \"ftp://files.example.com\"}", "base_url",
                "{\"name\": \"p\", \"base_url\": \"http://169.254.169.254\"}", "base_url",
                "{\"name\": \"p\", \"kind\": \"sandbox\"}", "kind",
                "{\"name\": \"p\", \"kind\": \"ollama\"}", "base_url is required",
                "{\"name\": \"p\", \"api_key\": \"sk\", \"api_key_env\": \"EXAMPLE_API_KEY\"}", "not both",
                "{\"name\": \"p\", \"api_key_env\": \"AWS_SECRET_ACCESS_KEY\"}", "EXAMPLE_API_KEY, OPENAI_API_KEY",
                "{\"name\": \"p\", \"base_url\": \"https://93.184.215.14/v1\", \"api_key_env\": "
                        + "\"OPENAI_API_KEY\"}", "only sent to the base URL");
        bodies.forEach((body, expected) -> {
            var response = http.send(request("POST", "/api/providers").bearer(bearer).json(body));
            assertEquals(422, response.status(), body + " -> " + response.body());
            assertTrue(((String) response.get("detail")).contains(expected), body + " -> " + response.body());
        });
        for (String body : List.of("[1]", "{\"name\": \"p\", \"enabled\": \"perhaps\"}", "{\"name\": {\"a\": 1}}",
                "{\"name\": ")) {
            var response = http.send(request("POST", "/api/providers").bearer(bearer).json(body));
            assertTrue(response.status() == 400 || response.status() == 422, body + " -> " + response.status());
            assertTrue(response.map().containsKey("detail"), response.body());
        }
        var badUpsert = http.send(request("POST", "/api/providers/Not_Valid").bearer(bearer).json("{}"));
        assertEquals(422, badUpsert.status(), badUpsert.body());
        assertEquals(0, storedProviders("bad-team"));
    }

    @Test
    void a_team_never_sees_or_changes_another_teams_providers() {
        String teamA = token("iso-a");
        String teamB = token("iso-b");
        http.send(request("POST", "/api/providers").bearer(teamA).json("{\"name\": \"mine\", \"api_key\": \"sk-a\"}"));

        List<Map<String, Object>> seenByB = list(http.send(request("GET", "/api/providers").bearer(teamB)));
        assertFalse(seenByB.stream().anyMatch(p -> "mine".equals(p.get("name"))), seenByB.toString());
        assertEquals(404, http.send(request("PATCH", "/api/providers/mine").bearer(teamB).json("{\"enabled\": false}"))
                .status());
        assertEquals(404, http.send(request("DELETE", "/api/providers/mine").bearer(teamB)).status());
        assertEquals(404, http.send(request("POST", "/api/providers/mine/use").bearer(teamB)).status());
        assertEquals(404, http.send(request("POST", "/api/providers/mine/test").bearer(teamB)).status());
        assertEquals(201, http.send(request("POST", "/api/providers").bearer(teamB).json("{\"name\": \"mine\"}"))
                .status(), "names are per team");

        assertTrue(storedProvider("iso-a", "mine").containsKey("sealed_api_key"));
        assertFalse(storedProvider("iso-b", "mine").containsKey("sealed_api_key"));
    }

    @Test
    void every_route_needs_a_token() {
        assertEquals(401, http.send(request("GET", "/api/providers")).status());
        assertEquals(401, http.send(request("POST", "/api/providers").json("{\"name\": \"x\"}")).status());
        assertEquals(401, http.send(request("GET", "/api/models")).status());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }
}
