package dev.athanor.core;

import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens are HS256-signed, and unsigned or foreign-signed tokens are rejected. */
class JwtSigningTest {

    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(Map.of("athanor.auth.jwt-secret", "unit-test-signing-key-of-32-bytes-or-more",
                "athanor.auth.admin-key", "k"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void issued_tokens_are_signed_with_hs256() {
        String token = context.getBean(TokenIssuer.class).issue(TeamId.of("acme"), "admin").token();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"HS256\""), header);
        assertTrue(parts[2].length() > 20, "signature present");
        assertEquals(1, validate(token).size());
    }

    @Test
    void unsigned_tokens_are_rejected() {
        String unsigned = encode("{\"alg\":\"none\"}") + "." + encode("{\"sub\":\"x\",\"team_id\":\"victim\",\"role\":\"admin\"}") + ".";
        assertEquals(0, validate(unsigned).size());
    }

    @Test
    void tokens_signed_with_another_key_are_rejected() {
        try (ApplicationContext other = ApplicationContext.run(Map.of("athanor.auth.jwt-secret",
                "a-different-signing-key-of-32-bytes-or-more"))) {
            String foreign = other.getBean(TokenIssuer.class).issue(TeamId.of("acme"), "admin").token();
            assertEquals(0, validate(foreign).size());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Authentication> validate(String token) {
        List<Authentication> accepted = new java.util.ArrayList<>();
        for (TokenValidator validator : context.getBeansOfType(TokenValidator.class)) {
            Flux<Authentication> result = Flux.from(validator.validateToken(token, null));
            accepted.addAll(result.collectList().block());
        }
        return accepted;
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
