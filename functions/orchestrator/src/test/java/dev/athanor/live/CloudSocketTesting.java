package dev.athanor.live;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.athanor.aws.live.ManagementApiSender;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.model.live.ConnectionStore;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.athanor.live.SocketEvents.STAGE;
import static dev.athanor.testkit.ApiGatewayEvents.request;

/**
 * The cloud's live events functions on the embedded stack, each configured as the template configures it: the socket
 * function (its handler called with API Gateway's WebSocket events), the events function (fed from the FIFO events
 * queue by a poller) and, to create projects, the orchestrator's API. API Gateway's management API is WireMock at
 * {@code <wiremock>/<stage>}, answering as AWS does: {@code POST /<stage>/@connections/<id>} with the raw text, 200 and
 * no body; 410 with {@code x-amzn-ErrorType: GoneException} for a connection that has gone; {@code DELETE} 204.
 */
final class CloudSocketTesting implements AutoCloseable {

    private static final String CONNECTIONS = "/" + STAGE + "/(@|%40)connections/";

    final WireMockExtension api;
    final LambdaHttp http;
    final ApplicationContext socketContext;
    final ApplicationContext eventsContext;
    final ConnectionStore store;
    private final SocketFunction socket;
    private final QueueWorker events;
    private final SqsPoller poller;

    CloudSocketTesting(WireMockExtension api) {
        this.api = api;
        Map<String, Object> settings = Map.of(ManagementApiSender.ENDPOINT, api.baseUrl() + "/" + STAGE);
        http = LambdaHttp.start("OrchestratorFunction");
        socketContext = TestFunctions.start("OrchestratorSocketFunction", settings);
        socket = new SocketFunction(socketContext);
        eventsContext = TestFunctions.start("OrchestratorEventsFunction", settings);
        events = new QueueWorker(eventsContext);
        QueueSubscription queue = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("OrchestratorEventsQueue")).findFirst().orElseThrow();
        poller = new SqsPoller(LocalStackExtension.stack().sqs(), queue, events, new LocalLambdaContext("events"),
                LocalStack.REGION, 0);
        store = socketContext.getBean(ConnectionStore.class);
    }

    /** Every connection is there and takes what is posted to it, unless {@link #gone} says otherwise. */
    void managementApi() {
        api.stubFor(post(urlPathMatching(CONNECTIONS + ".+")).willReturn(aResponse().withStatus(200)));
        api.stubFor(delete(urlPathMatching(CONNECTIONS + ".+")).willReturn(aResponse().withStatus(204)));
    }

    /** The client of {@code connectionId} has gone without API Gateway's $disconnect having been handled yet. */
    void gone(String connectionId) {
        api.stubFor(any(urlPathMatching(CONNECTIONS + pathPattern(connectionId))).atPriority(1)
                .willReturn(aResponse().withStatus(410)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                        .withHeader("x-amzn-ErrorType", "GoneException")
                        .withBody("{\"message\": \"Connection " + connectionId + " is gone\"}")));
    }

    record Caller(TeamId team, String token) {
    }

    Caller newCaller() {
        TeamId team = TeamId.of("live-" + UUID.randomUUID());
        return new Caller(team, socketContext.getBean(TokenIssuer.class).issue(team, Roles.MEMBER).token());
    }

    /** A project of the caller's team, created through the orchestrator's API. */
    String project(Caller caller) {
        LambdaHttp.Response created = http.send(request("POST", "/api/projects").bearer(caller.token())
                .json("{\"name\": \"Watched\"}"));
        if (created.status() != 201) {
            throw new AssertionError(created.body());
        }
        return (String) created.map().get("id");
    }

    /** A pending task of the caller's team, stored as the execution engine stores them. */
    String task(Caller caller, String projectId) {
        Instant now = Instant.now();
        OrchestratorTask task = new OrchestratorTask(UUID.randomUUID().toString(), projectId, 1, "Watched task", null,
                List.of(), TaskStatus.PENDING, null, 0, 0, 5, 0, null, false, 0, null, null, null, 1.0, null, now, now);
        http.context().getBean(TaskStore.class).create(caller.team(), task);
        return task.id();
    }

    APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
        return socket.handleRequest(event, new LocalLambdaContext("OrchestratorSocketFunction"));
    }

    /** Connects with the token in the query string on {@code channel} (none: the default). */
    String connect(Caller caller, String channel) {
        String id = SocketEvents.connectionId();
        Map<String, String> query = channel == null ? Map.of("token", caller.token())
                : Map.of("token", caller.token(), "channel", channel);
        APIGatewayV2WebSocketResponse response = handle(SocketEvents.connect(id, query, Map.of()));
        if (response.getStatusCode() != 200) {
            throw new AssertionError("connect answered " + response.getStatusCode());
        }
        return id;
    }

    APIGatewayV2WebSocketResponse send(String connectionId, String frame) {
        return handle(SocketEvents.message(connectionId, frame));
    }

    /** The texts posted to the connection through the management API, in order. */
    List<String> posted(String connectionId) {
        return requests(connectionId, "POST").stream().map(LoggedRequest::getBodyAsString).toList();
    }

    /** How often the connection was closed through the management API. */
    int deleted(String connectionId) {
        return requests(connectionId, "DELETE").size();
    }

    private List<LoggedRequest> requests(String connectionId, String method) {
        String path = "/" + STAGE + "/@connections/" + connectionId;
        return api.findAll(anyRequestedFor(urlPathMatching(CONNECTIONS + ".+"))).stream()
                .filter(r -> r.getMethod().getName().equals(method))
                .filter(r -> URLDecoder.decode(r.getUrl(), StandardCharsets.UTF_8).equals(path))
                .toList();
    }

    /**
     * Runs the events function on what the events queue holds until {@code done}; each round receives one batch
     * (waiting for it up to a second), so this never sleeps, and the bound only ends a broken run.
     */
    boolean deliverUntil(BooleanSupplier done) {
        for (int round = 0; round < 30 && !done.getAsBoolean(); round++) {
            poller.pollOnce(1);
        }
        return done.getAsBoolean();
    }

    /** A connection id as a path pattern: the SDK may send its '=' percent-encoded. */
    private static String pathPattern(String connectionId) {
        return connectionId.replace("=", "(=|%3D)");
    }

    @Override
    public void close() {
        events.close();
        eventsContext.close();
        socket.close();
        socketContext.close();
        http.close();
    }
}
