package dev.athanor.live;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.live.CloudSocketTesting.Caller;
import dev.athanor.model.live.LiveEvent;
import dev.athanor.model.live.LiveEventPublisher;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events function as the cloud runs it: events sent to the FIFO events queue reach each connection listening on
 * any of their channels once, through the management API, and a connection API Gateway reports gone is forgotten
 * without keeping the event from the others. A new connection's {@code connection_status} takes the same way.
 */
@ExtendWith(LocalStackExtension.class)
class EventsFunctionIT {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static CloudSocketTesting live;
    private static LiveEventPublisher publisher;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        live = new CloudSocketTesting(API);
        // the orchestrator's API and worker publish the events of tasks, HRM changes and breakers
        publisher = live.http.context().getBean(LiveEventPublisher.class);
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
    void a_new_connection_is_told_its_status_by_the_events_function_once_its_connect_has_returned() {
        Caller caller = live.newCaller();
        String project = live.project(caller);

        String id = live.connect(caller, Channels.project(project));
        boolean told = live.deliverUntil(() -> !live.posted(id).isEmpty());

        assertTrue(told, "no connection_status reached the connection");
        List<String> posted = live.posted(id);
        assertEquals(1, posted.size(), posted.toString());
        Map<String, Object> status = message(posted.get(0));
        assertEquals("connection_status", status.get("type"));
        assertEquals(true, status.get("connected"));
        assertEquals(Channels.project(project), status.get("channel"));
    }

    @Test
    void an_event_reaches_each_listening_connection_once_and_a_gone_connection_is_forgotten() {
        Caller caller = live.newCaller();
        String project = live.project(caller);
        String both = live.connect(caller, Channels.GLOBAL);
        live.send(both, "{\"type\": \"subscribe\", \"channel\": \"" + Channels.project(project) + "\"}");
        String projectOnly = live.connect(caller, Channels.project(project));
        String gone = live.connect(caller, Channels.GLOBAL);
        String otherTeam = live.connect(live.newCaller(), Channels.GLOBAL);
        // each is told its status first; then one client goes away without API Gateway's $disconnect handled yet
        assertTrue(live.deliverUntil(() -> told(both) && told(projectOnly) && told(gone) && told(otherTeam)));
        live.gone(gone);
        String payload = "{\"type\": \"task_update\", \"task_id\": \"" + UUID.randomUUID() + "\", \"status\": \"in_progress\"}";
        LiveEvent event = new LiveEvent(UUID.randomUUID().toString(), caller.team(), "task-" + UUID.randomUUID(),
                Channels.of(project, null), payload);

        publisher.publish(List.of(event));
        boolean delivered = live.deliverUntil(() -> count(both, payload) > 0 && count(projectOnly, payload) > 0
                && count(gone, payload) > 0);

        assertTrue(delivered, "the event did not reach every connection");
        assertEquals(1, count(both, payload), "a connection on two of the event's channels gets it once");
        assertEquals(1, count(projectOnly, payload));
        assertEquals(1, count(gone, payload), "tried once, answered 410");
        assertEquals(0, count(otherTeam, payload), "another team's connection on its own global channel");
        assertTrue(live.store.find(gone).isEmpty(), "the gone connection is forgotten");
        assertTrue(live.store.find(both).isPresent());
        assertTrue(live.store.find(projectOnly).isPresent());
        assertEquals(Set.of(both),
                live.store.subscribers(caller.team(), List.of(Channels.GLOBAL)));
    }

    private static boolean told(String connectionId) {
        return live.posted(connectionId).stream().anyMatch(p -> "connection_status".equals(message(p).get("type")));
    }

    private static long count(String connectionId, String payload) {
        return live.posted(connectionId).stream().filter(payload::equals).count();
    }

    private static Map<String, Object> message(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("Not a JSON message: " + text, e);
        }
    }
}
