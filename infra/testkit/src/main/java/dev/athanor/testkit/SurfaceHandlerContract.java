package dev.athanor.testkit;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every HTTP surface promises, checked through its real Lambda handler class with API Gateway payload 1.0
 * events: a public health endpoint, its own API docs listing every route it serves, tokens honoured, everything
 * else closed without one, errors in the surface's own shape, and bodies that keep every field however empty.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SurfaceHandlerContract {

    /** Micronaut Security's token introspection endpoint (RFC 7662, for token holders), which no seed lists. */
    private static final String SECURITY_INTROSPECTION = "/token_info";

    protected LambdaHttp http;

    /** The template function, e.g. {@code GatewayFunction}. */
    protected abstract String functionId();

    /** The seed's health endpoint. */
    protected abstract String healthPath();

    /** A field every body of {@link #healthPath()} has. */
    protected abstract String healthField();

    /** A field every error body of this surface has. */
    protected String errorField() {
        return "detail";
    }

    /** A body with nothing set, as the surface's JSON mapper is to write it: every field, however empty. */
    @Serdeable
    record NothingSet(String value, List<String> items, Map<String, String> fields) {
    }

    @BeforeAll
    void startHandler() {
        http = LambdaHttp.start(functionId());
    }

    @AfterAll
    void stopHandler() {
        http.close();
    }

    /** A token signed with the platform key, as the factory mints them. */
    protected String token(String team) {
        Authentication authentication = Authentication.build(team, List.of("member"), Map.of("team_id", team, "role", "member"));
        @SuppressWarnings("unchecked")
        TokenGenerator generator = http.context().getBean(TokenGenerator.class);
        return generator.generateToken(authentication, 600).orElseThrow();
    }

    @Test
    void health_is_public_and_has_the_documented_shape() {
        var response = http.send(request("GET", healthPath()));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.map().containsKey(healthField()), response.body());
    }

    @Test
    void bodies_keep_null_values_and_empty_lists_and_maps() throws IOException {
        JsonMapper json = http.context().getBean(JsonMapper.class);

        String written = json.writeValueAsString(new NothingSet(null, List.of(), Map.of()));

        assertEquals("{\"value\":null,\"items\":[],\"fields\":{}}", written);
    }

    @Test
    void api_docs_are_public() {
        var spec = http.send(request("GET", "/openapi.json"));
        assertEquals(200, spec.status());
        assertTrue(spec.body().contains(healthPath()), "the document lists " + healthPath());
        assertEquals(200, http.send(request("GET", "/docs")).status());
        assertEquals(200, http.send(request("GET", "/redoc")).status());
    }

    @Test
    void every_route_the_surface_serves_is_in_its_api_document() throws IOException {
        var spec = http.send(request("GET", "/openapi.json"));
        Set<String> documented = ApiDocumentContract.operations(http.context().getBean(JsonMapper.class)
                        .readValue(spec.body(), JsonNode.class)).stream()
                .map(operation -> operation.method() + " " + template(operation.path()))
                .collect(Collectors.toSet());
        List<String> missing = http.context().getBean(Router.class).uriRoutes()
                // Micronaut answers HEAD wherever it answers GET
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .filter(route -> !route.getUriMatchTemplate().toPathString().equals(SECURITY_INTROSPECTION))
                .map(route -> route.getHttpMethodName() + " " + template(route.getUriMatchTemplate().toPathString()))
                .filter(route -> !documented.contains(route))
                .distinct().sorted().toList();
        assertEquals(List.of(), missing, "routes served but not in /openapi.json");
    }

    /** A path with its variables unnamed, so {@code /a/{id}} and {@code /a/{slug}} compare equal. */
    private static String template(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    @Test
    void a_platform_token_is_accepted() {
        var me = http.send(request("GET", "/api/auth/me").bearer(token("contract-team")));
        assertEquals(200, me.status(), me.body());
        assertEquals("contract-team", me.get("team_id"));
    }

    @Test
    void without_a_valid_token_protected_routes_are_401_in_the_surface_error_shape() {
        var missing = http.send(request("GET", "/api/auth/me"));
        assertEquals(401, missing.status());
        assertTrue(missing.map().containsKey(errorField()), missing.body());
        var unsigned = http.send(request("GET", "/api/auth/me").bearer("eyJhbGciOiJub25lIn0."
                + "eyJzdWIiOiJ4IiwidGVhbV9pZCI6InZpY3RpbSIsInJvbGUiOiJhZG1pbiJ9."));
        assertEquals(401, unsigned.status());
    }

    @Test
    void unknown_routes_and_wrong_methods_are_4xx_in_the_surface_error_shape() {
        var unknown = http.send(request("GET", "/no/such/route"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.map().containsKey(errorField()), unknown.body());
        var wrongMethod = http.send(request("DELETE", healthPath()));
        assertEquals(405, wrongMethod.status());
        assertTrue(wrongMethod.map().containsKey(errorField()), wrongMethod.body());
    }

    @Test
    void every_answer_carries_the_security_headers_and_hsts_when_api_gateway_served_it_over_https() {
        // the template sets the HSTS max-age for every function; API Gateway forwards HTTPS requests as such
        var health = http.send(request("GET", healthPath()).header("X-Forwarded-Proto", "https"));
        var unauthorized = http.send(request("GET", "/api/auth/me").header("X-Forwarded-Proto", "https"));
        var unknown = http.send(request("GET", "/no/such/route").header("X-Forwarded-Proto", "https"));
        var plain = http.send(request("GET", healthPath()));

        for (var response : List.of(health, unauthorized, unknown, plain)) {
            assertEquals("nosniff", response.header("X-Content-Type-Options"), response.headers().toString());
            assertEquals("DENY", response.header("X-Frame-Options"));
            assertEquals("frame-ancestors 'none'", response.header("Content-Security-Policy"));
            assertEquals("no-referrer", response.header("Referrer-Policy"));
        }
        assertEquals(List.of(200, 401, 404), List.of(health.status(), unauthorized.status(), unknown.status()));
        for (var response : List.of(health, unauthorized, unknown)) {
            assertEquals("max-age=31536000; includeSubDomains", response.header("Strict-Transport-Security"));
        }
        assertEquals(null, plain.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    @Test
    void cors_answers_only_the_configured_origins_and_lets_their_credentials_through() {
        String allowed = "http://localhost:5173"; // one of the defaults: the orchestrator's frontend
        String refused = "https://attacker.example";

        var preflight = http.send(preflight(allowed));
        assertTrue(preflight.status() < 300, preflight.status() + " " + preflight.body());
        assertEquals(allowed, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials"));
        assertTrue(String.join(",", preflight.headerValues("Access-Control-Allow-Headers"))
                .toLowerCase(java.util.Locale.ROOT).contains("x-csrf-token"), preflight.headers().toString());
        var call = http.send(request("GET", "/api/auth/me").header("Origin", allowed).bearer(token("cors-team")));
        assertEquals(200, call.status(), call.body());
        assertEquals(allowed, call.header("Access-Control-Allow-Origin"));
        assertEquals("true", call.header("Access-Control-Allow-Credentials"));

        var refusedPreflight = http.send(preflight(refused));
        assertTrue(refusedPreflight.status() >= 400 && refusedPreflight.status() < 500, refusedPreflight.body());
        assertTrue(refusedPreflight.map().containsKey(errorField()), refusedPreflight.body());
        assertEquals(null, refusedPreflight.header("Access-Control-Allow-Origin"));
        assertEquals(null, refusedPreflight.header("Access-Control-Allow-Credentials"));
        var refusedCall = http.send(request("GET", healthPath()).header("Origin", refused));
        assertEquals(null, refusedCall.header("Access-Control-Allow-Origin"), refusedCall.headers().toString());
        assertEquals(null, refusedCall.header("Access-Control-Allow-Credentials"));
    }

    private static ApiGatewayEvents preflight(String origin) {
        return request("OPTIONS", "/api/auth/me").header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,x-csrf-token");
    }
}
