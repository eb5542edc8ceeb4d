package dev.athanor.factory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code athanor.auth.anonymous-team}, through the factory's Lambda handler: a request with no credentials acts as a
 * member of that team; any credential that is not valid stays 401 with the setting on; an anonymous caller is no
 * admin; and without the setting nothing changes.
 */
@ExtendWith(LocalStackExtension.class)
class AnonymousCallersIT {

    private static final String TEAM = "laptop-team";

    private static LambdaHttp anonymousOn;
    private static LambdaHttp anonymousOff;

    @BeforeAll
    static void start() {
        anonymousOn = LambdaHttp.start("FactoryFunction", Map.of("athanor.auth.anonymous-team", TEAM));
        anonymousOff = LambdaHttp.start("FactoryFunction");
    }

    @AfterAll
    static void stop() {
        anonymousOn.close();
        anonymousOff.close();
    }

    private static Map<String, AttributeValue> storedProject(String team, String slug) {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_PROJECTS");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(slug)))).item();
    }

    private static Map<String, AttributeValue> storedSettings(String team) {
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName("athanor-local-settings")
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS("factory")))).item();
    }

    private static String signed(String secret, Instant expiry) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(TEAM).claim("team_id", TEAM).claim("role", "admin")
                .issueTime(Date.from(Instant.now().minusSeconds(7200))).expirationTime(Date.from(expiry)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void a_request_without_credentials_is_a_member_of_the_anonymous_team_and_writes_there() {
        var me = anonymousOn.send(request("GET", "/api/auth/me"));
        assertEquals(200, me.status(), me.body());
        assertEquals(Map.of("team_id", TEAM, "role", "member"), me.map());

        var created = anonymousOn.send(request("POST", "/api/projects").json("{\"name\": \"Anonymous App\"}"));

        assertEquals(201, created.status(), created.body());
        assertEquals("anonymous-app", created.get("slug"));
        assertEquals("Anonymous App", created.get("name"));
        assertEquals("Anonymous App", storedProject(TEAM, "anonymous-app").get("name").s());
        var read = anonymousOn.send(request("GET", "/api/projects/anonymous-app"));
        assertEquals(200, read.status(), read.body());
        assertEquals("anonymous-app", read.get("slug"));
    }

    @Test
    void a_request_without_credentials_starts_and_reads_a_job_of_the_anonymous_team() {
        var started = anonymousOn.send(request("POST", "/api/jobs")
                .json("{\"name\": \"Anonymous Job\", \"description\": \"A todo list app\"}"));

        assertEquals(202, started.status(), started.body());
        assertEquals("anonymous-job", started.get("slug"));
        var read = anonymousOn.send(request("GET", "/api/jobs/anonymous-job"));
        assertEquals(200, read.status(), read.body());
        assertEquals("anonymous-job", read.get("slug"));
        var elsewhere = anonymousOn.send(request("GET", "/api/jobs/anonymous-job").bearer(anonymousOn.context()
                .getBean(TokenIssuer.class).issue(TeamId.of("token-team"), "admin").token()));
        assertEquals(404, elsewhere.status(), "the job is the anonymous team's: " + elsewhere.body());
    }

    @Test
    void a_credential_that_is_not_valid_stays_401_with_the_setting_on_and_writes_nothing() throws Exception {
        String forged = signed("another-signing-key-of-at-least-thirty-two-bytes", Instant.now().plusSeconds(3600));
        String expired = signed(TestFunctions.JWT_SECRET, Instant.now().minusSeconds(3600));
        String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwidGVhbV9pZCI6ImxhcHRvcC10ZWFtIiwicm9sZSI6ImFkbWluIn0.";
        Map<String, ApiGatewayEvents> bad = new LinkedHashMap<>();
        bad.put("forged token", request("POST", "/api/projects").bearer(forged));
        bad.put("expired token", request("POST", "/api/projects").bearer(expired));
        bad.put("unsigned token", request("POST", "/api/projects").bearer(unsigned));
        bad.put("unknown API key as bearer", request("POST", "/api/projects").bearer("sk-ath-not-a-key"));
        bad.put("unknown X-API-Key", request("POST", "/api/projects").header("X-API-Key", "sk-ath-not-a-key"));
        bad.put("bad session cookie", request("POST", "/api/projects").header("Cookie", "athanor_session=garbage"));
        bad.put("basic credentials", request("POST", "/api/projects").header("Authorization", "Basic dTpw"));
        bad.put("empty Authorization", request("POST", "/api/projects").header("Authorization", ""));

        for (Map.Entry<String, ApiGatewayEvents> attempt : bad.entrySet()) {
            var response = anonymousOn.send(attempt.getValue().json("{\"name\": \"Bad Credentials App\"}"));
            assertEquals(401, response.status(), attempt.getKey() + ": " + response.body());
            assertTrue(response.get("detail") instanceof String, attempt.getKey() + ": " + response.body());
        }
        assertTrue(storedProject(TEAM, "bad-credentials-app").isEmpty());
    }

    @Test
    void an_anonymous_caller_is_no_admin_and_admin_only_routes_answer_403() {
        for (ApiGatewayEvents adminOnly : List.of(request("GET", "/api/settings"),
                request("POST", "/api/settings").json("{\"daily_cost_limit\": \"1\"}"),
                request("POST", "/api/settings/wipe"))) {
            var response = anonymousOn.send(adminOnly);
            assertEquals(403, response.status(), response.body());
            assertEquals(Map.of("detail", "Only an admin may read or change the team's settings (role: member)"),
                    response.map());
        }
        assertTrue(storedSettings(TEAM).isEmpty(), "a refused read does not create the defaults");
    }

    @Test
    void a_valid_token_is_used_as_it_is_with_the_setting_on() {
        TokenIssuer issuer = anonymousOn.context().getBean(TokenIssuer.class);
        String admin = issuer.issue(TeamPrincipal.team(TeamId.of("token-team"), "admin"), Duration.ofMinutes(5))
                .token();

        var me = anonymousOn.send(request("GET", "/api/auth/me").bearer(admin));

        assertEquals(200, me.status(), me.body());
        assertEquals(Map.of("team_id", "token-team", "role", "admin"), me.map());
    }

    @Test
    void without_the_setting_a_request_without_credentials_is_401_as_before() {
        var me = anonymousOff.send(request("GET", "/api/auth/me"));
        assertEquals(401, me.status(), me.body());
        assertTrue(me.get("detail") instanceof String, me.body());

        var created = anonymousOff.send(request("POST", "/api/projects").json("{\"name\": \"Nobody App\"}"));
        assertEquals(401, created.status(), created.body());
        assertTrue(storedProject(TEAM, "nobody-app").isEmpty());
    }
}
