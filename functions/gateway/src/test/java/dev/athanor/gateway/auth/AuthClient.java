package dev.athanor.gateway.auth;

import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;

/** Calls of the /auth routes through the gateway's Lambda handler, for the account tests. */
record AuthClient(LambdaHttp http) {

    static final String PASSWORD = "correct horse battery";

    static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /**
     * A POST from an address of its own, so that one test's failed logins never throttle another's (tests that are
     * about addresses set theirs with {@code sourceIp}).
     */
    static ApiGatewayEvents post(String path) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return request("POST", path).sourceIp("10." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254)));
    }

    LambdaHttp.Response register(String email, String password) {
        return send(post("/auth/register").json("""
                {"email":"%s","password":"%s","full_name":"Ada Lovelace"}""".formatted(email, password)));
    }

    LambdaHttp.Response login(String email, String password) {
        return send(post("/auth/login").json("""
                {"username":"%s","password":"%s"}""".formatted(email, password)));
    }

    LambdaHttp.Response refresh(String token) {
        return send(post("/auth/refresh").json("{\"refresh_token\":\"" + token + "\"}"));
    }

    LambdaHttp.Response send(ApiGatewayEvents event) {
        return http.send(event);
    }

    /** The claims of a JWT, read without checking it (the surfaces check it). */
    @SuppressWarnings("unchecked")
    Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return http.context().getBean(io.micronaut.json.JsonMapper.class).readValue(payload, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
