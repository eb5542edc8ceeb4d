package dev.athanor.live;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.keys.ApiKeys;
import dev.athanor.core.auth.keys.NewApiKey;
import dev.athanor.live.CloudSocketTesting.Caller;
import dev.athanor.model.live.LiveConnection;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket function's routes as API Gateway's WebSocket API calls them: the handshake's credential (query string or
 * subprotocol, token or API key) and channel, frames answered through the management API, the close of a client that
 * sends too much, and the disconnect.
 */
@ExtendWith(LocalStackExtension.class)
class SocketFunctionIT {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static CloudSocketTesting live;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        live = new CloudSocketTesting(API);
        json = live.socketContext.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @BeforeEach
    void managementApi() {
        live.managementApi();
    }

    @Test
    void a_token_in_the_query_string_connects_on_the_global_channel_and_the_connection_is_stored() {
        Caller caller = live.newCaller();
        String id = SocketEvents.connectionId();

        APIGatewayV2WebSocketResponse response = live.handle(SocketEvents.connect(id,
                Map.of("token", caller.token()), Map.of()));

        assertEquals(200, response.getStatusCode());
        assertNull(response.getHeaders(), "no subprotocol was offered, so none is selected");
        LiveConnection stored = live.store.find(id).orElseThrow();
        assertEquals(caller.team(), stored.team());
        assertEquals(Set.of(Channels.GLOBAL, Channels.connection(id)), stored.channels());
        assertEquals(Set.of(id), live.store.subscribers(caller.team(), List.of(Channels.GLOBAL)));
    }

    @Test
    void a_token_offered_beside_the_bearer_subprotocol_connects_and_the_handshake_selects_bearer() {
        Caller caller = live.newCaller();
        String project = live.project(caller);
        String id = SocketEvents.connectionId();

        APIGatewayV2WebSocketResponse response = live.handle(SocketEvents.connect(id,
                Map.of("channel", Channels.project(project)),
                Map.of("sec-websocket-protocol", "bearer, " + caller.token())));

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("Sec-WebSocket-Protocol", "bearer"), response.getHeaders());
        assertEquals(Set.of(id), live.store.subscribers(caller.team(), List.of(Channels.project(project))));
    }

    @Test
    void an_api_key_connects_like_a_token() {
        Caller caller = live.newCaller();
        String key = live.socketContext.getBean(ApiKeys.class).create(TeamPrincipal.team(caller.team(), "admin"),
                new NewApiKey("dashboard", null, null, List.of(), null, null, null, null)).text();
        String id = SocketEvents.connectionId();

        APIGatewayV2WebSocketResponse response = live.handle(SocketEvents.connect(id, Map.of("token", key), Map.of()));

        assertEquals(200, response.getStatusCode());
        assertEquals(caller.team(), live.store.find(id).orElseThrow().team());
    }

    @Test
    void a_handshake_without_a_credential_or_with_a_forged_one_is_refused_401_and_nothing_is_stored() throws Exception {
        Caller victim = live.newCaller();
        String forged = forgedToken(victim);
        String none = SocketEvents.connectionId();
        String bearerAlone = SocketEvents.connectionId();
        String forgedQuery = SocketEvents.connectionId();
        String forgedProtocol = SocketEvents.connectionId();

        int withNone = live.handle(SocketEvents.connect(none, Map.of(), Map.of())).getStatusCode();
        int withBearerAlone = live.handle(SocketEvents.connect(bearerAlone, Map.of(),
                Map.of("Sec-WebSocket-Protocol", "bearer"))).getStatusCode();
        int withForgedQuery = live.handle(SocketEvents.connect(forgedQuery, Map.of("token", forged), Map.of()))
                .getStatusCode();
        int withForgedProtocol = live.handle(SocketEvents.connect(forgedProtocol, Map.of(),
                Map.of("Sec-WebSocket-Protocol", "bearer, " + forged))).getStatusCode();

        assertEquals(List.of(401, 401, 401, 401), List.of(withNone, withBearerAlone, withForgedQuery,
                withForgedProtocol));
        for (String id : List.of(none, bearerAlone, forgedQuery, forgedProtocol)) {
            assertTrue(live.store.find(id).isEmpty(), id);
        }
        assertEquals(Set.of(), live.store.subscribers(victim.team(), List.of(Channels.GLOBAL)));
    }

    @Test
    void a_channel_of_another_teams_task_or_a_malformed_channel_is_refused_404_and_nothing_is_stored() {
        Caller owner = live.newCaller();
        Caller other = live.newCaller();
        String task = live.task(owner, live.project(owner));
        String refused = SocketEvents.connectionId();
        String malformed = SocketEvents.connectionId();

        int otherTeam = live.handle(SocketEvents.connect(refused,
                Map.of("token", other.token(), "channel", Channels.task(task)), Map.of())).getStatusCode();
        int badName = live.handle(SocketEvents.connect(malformed,
                Map.of("token", other.token(), "channel", "connection_" + refused), Map.of())).getStatusCode();
        String admitted = live.connect(owner, Channels.task(task));

        assertEquals(404, otherTeam);
        assertEquals(404, badName);
        assertTrue(live.store.find(refused).isEmpty());
        assertTrue(live.store.find(malformed).isEmpty());
        assertEquals(Set.of(admitted), live.store.subscribers(owner.team(), List.of(Channels.task(task))));
        assertEquals(Set.of(), live.store.subscribers(other.team(), List.of(Channels.task(task))));
    }

    @Test
    void a_ping_is_answered_with_a_pong_posted_to_the_connection() {
        String id = live.connect(live.newCaller(), null);

        APIGatewayV2WebSocketResponse response = live.send(id, "{\"type\": \"ping\"}");

        assertEquals(200, response.getStatusCode());
        List<String> posted = live.posted(id);
        assertEquals(1, posted.size(), posted.toString());
        assertEquals("pong", message(posted.get(0)).get("type"));
    }

    @Test
    void subscribing_to_a_project_channel_is_confirmed_and_the_connection_then_listens_there() {
        Caller caller = live.newCaller();
        String project = live.project(caller);
        String id = live.connect(caller, null);

        live.send(id, "{\"type\": \"subscribe\", \"channel\": \"" + Channels.project(project) + "\"}");

        List<String> posted = live.posted(id);
        assertEquals(1, posted.size(), posted.toString());
        assertEquals(Map.of("type", "subscribed", "channel", Channels.project(project)),
                without(message(posted.get(0)), "timestamp"));
        assertEquals(Set.of(id), live.store.subscribers(caller.team(), List.of(Channels.project(project))));
    }

    @Test
    void malformed_json_and_an_unknown_type_are_answered_with_errors_and_the_connection_stays() {
        Caller caller = live.newCaller();
        String id = live.connect(caller, null);

        live.send(id, "{not json");
        live.send(id, "{\"type\": \"shout\"}");

        List<String> posted = live.posted(id);
        assertEquals(List.of("error", "error"), posted.stream().map(p -> message(p).get("type")).toList());
        assertTrue(((String) message(posted.get(1)).get("message")).contains("shout"), posted.get(1));
        assertEquals(0, live.deleted(id));
        assertTrue(live.store.find(id).isPresent());
    }

    @Test
    void an_oversized_frame_closes_the_connection_through_the_management_api_and_it_is_forgotten() {
        Caller caller = live.newCaller();
        String id = live.connect(caller, null);
        String frame = "{\"type\": \"ping\", \"pad\": \"" + "x".repeat(LiveChannels.MAX_FRAME_BYTES) + "\"}";

        APIGatewayV2WebSocketResponse response = live.send(id, frame);

        assertEquals(200, response.getStatusCode());
        assertEquals(1, live.deleted(id));
        assertEquals(List.of(), live.posted(id));
        assertTrue(live.store.find(id).isEmpty());
        assertEquals(Set.of(), live.store.subscribers(caller.team(), List.of(Channels.GLOBAL)));
    }

    @Test
    void a_frame_from_a_connection_the_store_no_longer_knows_gets_the_channel_models_error_and_is_closed() {
        Caller caller = live.newCaller();
        String project = live.project(caller);
        String id = SocketEvents.connectionId();

        live.send(id, "{\"type\": \"subscribe\", \"channel\": \"" + Channels.project(project) + "\"}");

        List<String> posted = live.posted(id);
        assertEquals(1, posted.size(), posted.toString());
        assertEquals("error", message(posted.get(0)).get("type"));
        assertEquals(1, live.deleted(id));
        assertEquals(Set.of(), live.store.subscribers(caller.team(), List.of(Channels.project(project))));
    }

    @Test
    void a_disconnect_forgets_the_connection_and_its_subscriptions() {
        Caller caller = live.newCaller();
        String project = live.project(caller);
        String id = live.connect(caller, Channels.project(project));

        APIGatewayV2WebSocketResponse response = live.handle(SocketEvents.disconnect(id));

        assertEquals(200, response.getStatusCode());
        assertTrue(live.store.find(id).isEmpty());
        assertEquals(Set.of(), live.store.subscribers(caller.team(),
                List.of(Channels.project(project), Channels.connection(id))));
    }

    @Test
    void an_event_without_a_route_is_answered_500_rather_than_thrown() {
        var event = SocketEvents.message(SocketEvents.connectionId(), "{\"type\": \"ping\"}");
        event.getRequestContext().setRouteKey(null);

        assertEquals(500, live.handle(event).getStatusCode());
    }

    /** A token claiming the caller's team, signed with a key that is not the stack's. */
    private static String forgedToken(Caller victim) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(victim.team().value())
                .claim(TeamPrincipal.TEAM_CLAIM, victim.team().value()).claim(TeamPrincipal.ROLE_CLAIM, "admin")
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner("a-key-that-is-not-the-stacks-but-is-long-enough"));
        return jwt.serialize();
    }

    private static Map<String, Object> message(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("Not a JSON message: " + text, e);
        }
    }

    private static Map<String, Object> without(Map<String, Object> message, String field) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(message);
        copy.remove(field);
        return copy;
    }
}
