package dev.athanor.gateway.auth;

import dev.athanor.model.accounts.AccountStore;
import dev.athanor.model.accounts.RefreshTokenStore;
import dev.athanor.core.auth.accounts.SecretTokens;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.auth.AuthClient.PASSWORD;
import static dev.athanor.gateway.auth.AuthClient.email;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001's /auth routes on the gateway's Lambda handler with open registration and no mail sender: every field of
 * every answer, rotating refresh tokens, the token on another surface, input rules, and nothing stored on failure.
 */
@ExtendWith(LocalStackExtension.class)
class AccountsIT {

    private static LambdaHttp gateway;
    private static LambdaHttp orchestrator;
    private static AuthClient auth;

    @BeforeAll
    static void start() {
        gateway = LambdaHttp.start("GatewayFunction", Map.of("athanor.auth.registration", "open"));
        orchestrator = LambdaHttp.start("OrchestratorFunction");
        auth = new AuthClient(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        orchestrator.close();
    }

    @Test
    void register_login_and_refresh_answer_every_documented_field() {
        String email = email("ada");

        LambdaHttp.Response registered = auth.register(email, PASSWORD);
        assertEquals(200, registered.status(), registered.body());
        assertEquals(Set.of("message", "user_id", "verification_required"), registered.map().keySet());
        assertEquals("User registered successfully", registered.get("message"));
        assertTrue(((String) registered.get("user_id")).startsWith("usr_"), registered.body());
        assertEquals(false, registered.get("verification_required"));

        LambdaHttp.Response login = auth.login(email.toUpperCase(), PASSWORD);
        assertEquals(200, login.status(), login.body());
        assertEquals(Set.of("access_token", "token_type", "expires_in", "user", "refresh_token", "csrf_token"),
                login.map().keySet());
        assertEquals("bearer", login.get("token_type"));
        assertEquals(3600, login.get("expires_in"));
        assertEquals(Map.of("id", registered.get("user_id"), "email", email, "role", "admin"), login.get("user"));
        assertNull(login.get("csrf_token"));
        assertEquals("no-store", login.header("Cache-Control"));
        Map<String, Object> claims = auth.claims((String) login.get("access_token"));
        assertEquals(registered.get("user_id"), claims.get("user_id"));
        assertEquals(registered.get("user_id"), claims.get("sub"));
        assertEquals("admin", claims.get("role"));

        LambdaHttp.Response refreshed = auth.refresh((String) login.get("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token"), refreshed.map().keySet());
        assertEquals("bearer", refreshed.get("token_type"));
        assertEquals(3600, refreshed.get("expires_in"));
        assertNotEquals(login.get("refresh_token"), refreshed.get("refresh_token"));
        assertEquals(claims.get("team_id"), auth.claims((String) refreshed.get("access_token")).get("team_id"));
    }

    @Test
    void open_registration_gives_each_account_a_team_of_its_own_and_the_token_works_on_another_surface() {
        String first = email("first");
        String second = email("second");
        auth.register(first, PASSWORD);
        auth.register(second, PASSWORD);
        String firstToken = (String) auth.login(first, PASSWORD).get("access_token");
        String secondToken = (String) auth.login(second, PASSWORD).get("access_token");

        LambdaHttp.Response me = orchestrator.send(request("GET", "/api/auth/me").bearer(firstToken));
        LambdaHttp.Response otherMe = orchestrator.send(request("GET", "/api/auth/me").bearer(secondToken));

        assertEquals(200, me.status(), me.body());
        assertEquals("admin", me.get("role"));
        assertTrue(((String) me.get("team_id")).startsWith("team-"), me.body());
        assertEquals(auth.claims(firstToken).get("team_id"), me.get("team_id"));
        assertNotEquals(me.get("team_id"), otherMe.get("team_id"));
    }

    @Test
    void a_reused_refresh_token_revokes_its_whole_family_the_newest_token_included() {
        String email = email("reuse");
        auth.register(email, PASSWORD);
        String first = (String) auth.login(email, PASSWORD).get("refresh_token");
        String second = (String) auth.refresh(first).get("refresh_token");
        String third = (String) auth.refresh(second).get("refresh_token");

        LambdaHttp.Response reused = auth.refresh(first);
        LambdaHttp.Response newest = auth.refresh(third);

        assertEquals(401, reused.status(), reused.body());
        assertTrue(((String) reused.get("detail")).contains("used already"), reused.body());
        assertEquals(401, newest.status(), newest.body());
        assertEquals(Map.of("detail", "Invalid or expired refresh token"), newest.map());
        // another login of the same account is a family of its own and still works
        String other = (String) auth.login(email, PASSWORD).get("refresh_token");
        assertEquals(200, auth.refresh(other).status());
    }

    @Test
    void forged_and_expired_refresh_tokens_are_401_and_a_missing_one_is_422() {
        String email = email("expired");
        auth.register(email, PASSWORD);
        String expired = SecretTokens.newToken();
        gateway.context().getBean(RefreshTokenStore.class).startFamily("fam_expired" + System.nanoTime(), email,
                SecretTokens.hash(expired), Instant.now().minusSeconds(1));

        assertEquals(Map.of("detail", "Invalid or expired refresh token"), auth.refresh(expired).map());
        assertEquals(401, auth.refresh(expired).status());
        assertEquals(401, auth.refresh(SecretTokens.newToken()).status());
        assertEquals(401, auth.refresh("x".repeat(5000)).status());
        LambdaHttp.Response missing = auth.send(AuthClient.post("/auth/refresh").json("{}"));
        assertEquals(422, missing.status(), missing.body());
        assertEquals(Map.of("detail", "refresh_token is required"), missing.map());
        LambdaHttp.Response list = auth.send(AuthClient.post("/auth/refresh").json("{\"refresh_token\":[1,2]}"));
        assertEquals(422, list.status(), list.body());
    }

    @Test
    void weak_and_over_long_passwords_and_malformed_emails_are_422_and_store_nothing() {
        AccountStore accounts = gateway.context().getBean(AccountStore.class);
        String email = email("rules");
        Map<String, String> cases = Map.of(
                "short", "password must be at least 8 characters",
                "p".repeat(129), "password must be at most 128 characters");
        cases.forEach((password, message) -> {
            LambdaHttp.Response response = auth.register(email, password);
            assertEquals(422, response.status(), response.body());
            assertEquals(Map.of("detail", message), response.map());
        });
        for (String bad : List.of("plainaddress", "a@b", "@example.com", "a..b@example.com", "a b@example.com",
                "x".repeat(65) + "@example.com", "a@" + "d".repeat(250) + ".com")) {
            LambdaHttp.Response response = auth.register(bad, PASSWORD);
            assertEquals(422, response.status(), bad + ": " + response.body());
            assertEquals("email must be a valid email address", response.get("detail"));
        }
        LambdaHttp.Response longName = auth.send(AuthClient.post("/auth/register").json("""
                {"email":"%s","password":"%s","full_name":"%s"}""".formatted(email, PASSWORD, "n".repeat(201))));
        assertEquals(422, longName.status());
        assertEquals("full_name must be at most 200 characters", longName.get("detail"));
        assertTrue(accounts.byEmail(email).isEmpty(), "nothing stored");
        assertEquals(401, auth.login(email, PASSWORD).status());
    }

    @Test
    void a_duplicate_email_is_409_and_leaves_the_account_as_it_was() {
        AccountStore accounts = gateway.context().getBean(AccountStore.class);
        String email = email("dup");
        auth.register(email, PASSWORD);
        var before = accounts.byEmail(email).orElseThrow();

        LambdaHttp.Response duplicate = auth.register(" " + email.toUpperCase() + " ", "another password");

        assertEquals(409, duplicate.status(), duplicate.body());
        assertEquals(Map.of("detail", "An account with this email already exists"), duplicate.map());
        var after = accounts.byEmail(email).orElseThrow();
        assertEquals(before.passwordHash(), after.passwordHash());
        assertEquals(before.userId(), after.userId());
        assertEquals(200, auth.login(email, PASSWORD).status());
        assertEquals(401, auth.login(email, "another password").status());
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_401() {
        String email = email("same");
        auth.register(email, PASSWORD);

        LambdaHttp.Response wrong = auth.send(request("POST", "/auth/login").sourceIp("10.9.0.1")
                .json("{\"username\":\"" + email + "\",\"password\":\"not the password\"}"));
        LambdaHttp.Response unknown = auth.send(request("POST", "/auth/login").sourceIp("10.9.0.2")
                .json("{\"username\":\"" + email("nobody") + "\",\"password\":\"not the password\"}"));

        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals(wrong.body(), unknown.body());
        assertEquals(Map.of("detail", "Incorrect email or password"), wrong.map());
    }

    @Test
    void the_stored_password_is_an_argon2id_hash_and_no_answer_contains_it() {
        String email = email("hash");
        LambdaHttp.Response registered = auth.register(email, PASSWORD);
        String hash = gateway.context().getBean(AccountStore.class).byEmail(email).orElseThrow().passwordHash();

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains(PASSWORD));
        LambdaHttp.Response login = auth.login(email, PASSWORD);
        for (String body : List.of(registered.body(), login.body())) {
            assertFalse(body.contains(PASSWORD) || body.contains(hash), body);
        }
    }

    @Test
    void hostile_bodies_are_answered_with_4xx_in_the_detail_shape() {
        List<String> bodies = List.of("", "null", "[]", "{", "{\"email\":5}", "{\"email\":[\"a\"],\"password\":{}}",
                "{\"email\":null,\"password\":null}", "{\"username\":true}", "\"text\"",
                "{\"email\":\"a@example.com\",\"password\":\"" + "\\u0000".repeat(10) + "\"}",
                "{\"session\":\"yes\",\"username\":\"a@example.com\",\"password\":\"x\"}");
        for (String path : List.of("/auth/register", "/auth/login", "/auth/refresh", "/auth/logout")) {
            for (String body : bodies) {
                LambdaHttp.Response response = auth.send(AuthClient.post(path).json(body));
                assertTrue(response.status() >= 400 && response.status() < 500 || response.status() == 200
                        && path.equals("/auth/logout"), path + " " + body + " -> " + response.status() + " " + response.body());
                assertTrue(response.status() == 200 || response.map().get("detail") instanceof String, response.body());
            }
        }
        LambdaHttp.Response huge = auth.send(AuthClient.post("/auth/login").json(
                "{\"username\":\"a@example.com\",\"password\":\"" + "p".repeat(20_000) + "\"}"));
        assertEquals(413, huge.status(), huge.body());
        LambdaHttp.Response badQuery = auth.send(request("GET", "/auth/verify"));
        assertEquals(400, badQuery.status(), badQuery.body());
    }
}
