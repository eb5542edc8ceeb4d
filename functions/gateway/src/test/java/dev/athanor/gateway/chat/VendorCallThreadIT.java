package dev.athanor.gateway.chat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.llm.http.LineHandler;
import dev.athanor.llm.http.VendorClient;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the running gateway a chat completion is served on the event loop that read it, body checks included, and a
 * vendor call started on one of the server's event loops is sent, read and answered on
 * that same thread, and a stream's lines are read on a server event loop: the request being served never waits for
 * a hand-off to a worker thread.
 */
@ExtendWith(LocalStackExtension.class)
class VendorCallThreadIT {

    @RegisterExtension
    static final WireMockExtension UPSTREAM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static ApplicationContext context;

    @BeforeAll
    static void startGateway() {
        context = TestFunctions.start("GatewayFunction", Map.of("test.route-thread-probe", true,
                "openai.api.key", "sk-upstream", "openai.base.url", UPSTREAM.baseUrl() + "/v1",
                "openai.models", "gpt-4o-mini"));
        context.getBean(EmbeddedServer.class).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void a_call_started_on_a_server_event_loop_completes_on_that_thread() throws Exception {
        UPSTREAM.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
        VendorHttp http = new VendorHttp("upstream", UPSTREAM.baseUrl() + "/v1", LlmTimeouts.DEFAULT, Map.of(), null,
                body -> null, context.getBean(JsonMapper.class), context.getBean(VendorClient.class));
        EventLoop loop = context.getBean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup().next();

        for (int call = 0; call < 3; call++) { // a new connection first, then pooled ones
            CompletableFuture<Thread> startedOn = new CompletableFuture<>();
            CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
            CompletableFuture<String> listed = new CompletableFuture<>();
            loop.execute(() -> {
                startedOn.complete(Thread.currentThread());
                http.sendAsync("GET", "/models", null).whenComplete((body, failure) -> {
                    answeredOn.complete(Thread.currentThread());
                    if (failure != null) {
                        listed.completeExceptionally(failure);
                    } else {
                        listed.complete(body.get("object").getStringValue());
                    }
                });
            });

            assertEquals("list", listed.get(10, TimeUnit.SECONDS));
            assertSame(startedOn.get(), answeredOn.get(), "answered on " + answeredOn.get().getName());
        }
    }

    @Test
    void a_stream_started_on_a_server_event_loop_hands_every_line_over_on_that_thread() throws Exception {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n")));
        VendorHttp http = new VendorHttp("upstream", UPSTREAM.baseUrl() + "/v1", LlmTimeouts.DEFAULT, Map.of(), null,
                body -> null, context.getBean(JsonMapper.class), context.getBean(VendorClient.class));
        EventLoopGroup group = context.getBean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup();
        EventLoop loop = group.next();

        for (int call = 0; call < 3; call++) {
            List<Thread> readOn = new CopyOnWriteArrayList<>();
            List<String> data = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.execute(() -> {
                http.streamAsync("POST", "/chat/completions", null, line -> {
                    readOn.add(Thread.currentThread());
                    if (line.equals("data: [DONE]")) {
                        return LineHandler.Next.DONE;
                    }
                    if (!line.isEmpty()) {
                        data.add(line);
                    }
                    return LineHandler.Next.TOKEN;
                }).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(null);
                    }
                });
            });

            done.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("data: {\"n\":1}", "data: {\"n\":2}"), data);
            // a pooled connection may live on another of the server's loops: no worker thread either way
            Thread reader = readOn.get(0);
            assertTrue(readOn.stream().allMatch(reader::equals), "every line read on one thread");
            assertTrue(StreamSupport.stream(group.spliterator(), false).anyMatch(each -> each.inEventLoop(reader)),
                    "read on " + reader.getName() + ", not one of the server's event loops");
        }
    }

    @Test
    void a_chat_completion_reaches_its_route_on_the_server_event_loop_that_read_it() throws Exception {
        UPSTREAM.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"openai"}]}""")));
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""")));
        RouteThreadProbe probe = context.getBean(RouteThreadProbe.class);
        EventLoopGroup group = context.getBean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup();
        String token = context.getBean(TokenIssuer.class).issue(TeamId.of("threads"), Roles.MEMBER).token();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + context.getBean(EmbeddedServer.class).getPort() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}""")).build();
        probe.threads.clear();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"content\":\"hi\""), response.body());
        assertEquals(1, probe.threads.size());
        Thread thread = probe.threads.get(0);
        assertTrue(StreamSupport.stream(group.spliterator(), false).anyMatch(loop -> loop.inEventLoop(thread)),
                "reached the route on " + thread.getName() + ", not one of the server's event loops");
    }

    @Test
    void a_deadline_set_on_a_server_event_loop_fires_on_that_loop() throws Exception {
        EventLoop loop = context.getBean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup().next();
        VendorClient transport = context.getBean(VendorClient.class);
        CompletableFuture<Thread> setOn = new CompletableFuture<>();
        CompletableFuture<Thread> firedOn = new CompletableFuture<>();

        loop.execute(() -> {
            setOn.complete(Thread.currentThread());
            transport.schedule(() -> firedOn.complete(Thread.currentThread()), 5);
        });

        assertSame(setOn.get(10, TimeUnit.SECONDS), firedOn.get(10, TimeUnit.SECONDS));
    }
}
