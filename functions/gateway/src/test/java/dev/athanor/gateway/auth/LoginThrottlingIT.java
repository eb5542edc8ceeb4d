package dev.athanor.gateway.auth;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.athanor.gateway.auth.AuthClient.PASSWORD;
import static dev.athanor.gateway.auth.AuthClient.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed logins slow down per account and per client address (API Gateway's source IP): after three failures the
 * next attempt is 429 with Retry-After, even with the right password; a success resets its account's count.
 */
@ExtendWith(LocalStackExtension.class)
class LoginThrottlingIT {

    private static LambdaHttp gateway;
    private static AuthClient auth;

    @BeforeAll
    static void start() {
        gateway = LambdaHttp.start("GatewayFunction", Map.of("athanor.auth.registration", "open",
                "athanor.auth.login-free-failures", 3, "athanor.auth.login-base-delay", "30s"));
        auth = new AuthClient(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static LambdaHttp.Response login(String email, String password, String address) {
        return auth.send(AuthClient.post("/auth/login").sourceIp(address)
                .json("{\"username\":\"" + email + "\",\"password\":\"" + password + "\"}"));
    }

    @Test
    void after_three_failures_on_one_account_further_attempts_from_anywhere_are_429_with_retry_after() {
        String email = email("guessed");
        auth.register(email, PASSWORD);
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, login(email, "wrong password " + i, "10.20.0." + i).status());
        }

        LambdaHttp.Response refused = login(email, PASSWORD, "10.20.0.99");

        assertEquals(429, refused.status(), refused.body());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertTrue(((String) refused.get("detail")).startsWith("Too many failed login attempts"), refused.body());
    }

    @Test
    void after_three_failures_from_one_address_any_account_is_429_from_it_and_others_are_not_held_up() {
        String victim = email("victim");
        auth.register(victim, PASSWORD);
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, login(email("sprayed" + i), PASSWORD, "10.30.0.1").status());
        }

        LambdaHttp.Response refused = login(victim, PASSWORD, "10.30.0.1");
        LambdaHttp.Response elsewhere = login(victim, PASSWORD, "10.30.0.2");

        assertEquals(429, refused.status(), refused.body());
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertEquals(200, elsewhere.status(), elsewhere.body());
    }

    @Test
    void a_successful_login_resets_the_account_count() {
        String email = email("forgetful");
        auth.register(email, PASSWORD);
        assertEquals(401, login(email, "wrong 1", "10.40.0.1").status());
        assertEquals(401, login(email, "wrong 2", "10.40.0.2").status());
        assertEquals(200, login(email, PASSWORD, "10.40.0.3").status());

        assertEquals(401, login(email, "wrong 3", "10.40.0.4").status());
        assertEquals(401, login(email, "wrong 4", "10.40.0.5").status());
        LambdaHttp.Response third = login(email, PASSWORD, "10.40.0.6");

        assertEquals(200, third.status(), third.body());
    }
}
