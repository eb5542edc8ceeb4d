package dev.athanor.gateway.auth;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.accounts.AccountStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.auth.AuthClient.PASSWORD;
import static dev.athanor.gateway.auth.AuthClient.email;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment's registration policy: closed (the template's default) refuses every registration; invite admits
 * only holders of a single-use code a team admin created, into that team with the code's role.
 */
@ExtendWith(LocalStackExtension.class)
class RegistrationPolicyIT {

    private static LambdaHttp closed;
    private static LambdaHttp invite;

    @BeforeAll
    static void start() {
        closed = LambdaHttp.start("GatewayFunction");
        invite = LambdaHttp.start("GatewayFunction", Map.of("athanor.auth.registration", "invite"));
    }

    @AfterAll
    static void stop() {
        closed.close();
        invite.close();
    }

    private static String token(LambdaHttp http, String team, String role) {
        return http.context().getBean(TokenIssuer.class).issue(TeamId.of(team), role).token();
    }

    private static LambdaHttp.Response register(LambdaHttp http, String email, String code) {
        return http.send(AuthClient.post("/auth/register").json("""
                {"email":"%s","password":"%s","invite_code":%s}""".formatted(email, PASSWORD,
                code == null ? "null" : "\"" + code + "\"")));
    }

    @Test
    void closed_registration_refuses_everyone_and_stores_nothing() {
        String email = email("closed");

        LambdaHttp.Response refused = register(closed, email, null);
        LambdaHttp.Response invites = closed.send(request("POST", "/auth/invites")
                .bearer(token(closed, "closed-team", Roles.ADMIN)).json("{}"));

        assertEquals(403, refused.status(), refused.body());
        assertEquals(Map.of("detail", "Registration is closed on this deployment"), refused.map());
        assertTrue(closed.context().getBean(AccountStore.class).byEmail(email).isEmpty());
        assertEquals(403, invites.status(), invites.body());
    }

    @Test
    void an_invite_code_registers_into_the_admins_team_with_its_role_once() {
        LambdaHttp.Response created = invite.send(request("POST", "/auth/invites")
                .bearer(token(invite, "invite-team", Roles.ADMIN)).json("{\"role\":\"viewer\"}"));
        assertEquals(201, created.status(), created.body());
        assertEquals(Set.of("code", "team_id", "role", "expires_at"), created.map().keySet());
        assertEquals("invite-team", created.get("team_id"));
        assertEquals("viewer", created.get("role"));
        assertTrue(Instant.parse((String) created.get("expires_at")).isAfter(Instant.now()));
        String code = (String) created.get("code");
        String email = email("invited");

        LambdaHttp.Response registered = register(invite, email, code);
        LambdaHttp.Response login = new AuthClient(invite).login(email, PASSWORD);
        LambdaHttp.Response again = register(invite, email("second"), code);

        assertEquals(200, registered.status(), registered.body());
        assertEquals("viewer", ((Map<?, ?>) login.get("user")).get("role"));
        Map<String, Object> claims = new AuthClient(invite).claims((String) login.get("access_token"));
        assertEquals("invite-team", claims.get("team_id"));
        assertEquals("viewer", claims.get("role"));
        assertEquals(403, again.status(), again.body());
        assertEquals(Map.of("detail", "This invite code is not valid: it has expired or was used already"), again.map());
    }

    @Test
    void invite_registration_without_a_valid_code_is_403_and_stores_nothing() {
        String email = email("uninvited");

        LambdaHttp.Response without = register(invite, email, null);
        LambdaHttp.Response forged = register(invite, email, "made-up-code");

        assertEquals(403, without.status());
        assertEquals("Registration on this deployment needs an invite code from a team admin", without.get("detail"));
        assertEquals(403, forged.status());
        assertTrue(invite.context().getBean(AccountStore.class).byEmail(email).isEmpty());
    }

    @Test
    void only_an_admin_creates_invites_and_only_for_known_roles() {
        LambdaHttp.Response member = invite.send(request("POST", "/auth/invites")
                .bearer(token(invite, "invite-team", Roles.MEMBER)).json("{}"));
        LambdaHttp.Response badRole = invite.send(request("POST", "/auth/invites")
                .bearer(token(invite, "invite-team", Roles.ADMIN)).json("{\"role\":\"owner\"}"));
        LambdaHttp.Response anonymous = invite.send(request("POST", "/auth/invites").json("{}"));

        assertEquals(403, member.status());
        assertEquals(Map.of("detail", "Only a team admin can create invites"), member.map());
        assertEquals(422, badRole.status());
        assertEquals("role must be one of [admin, member, viewer]", badRole.get("detail"));
        assertEquals(401, anonymous.status());
    }
}
