package dev.athanor.local.platform;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.local.template.CloudFormationTemplate;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptProjectStore;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The prompt lab's streaming function as Lambda runs it: its package (stream.zip) unpacked into a task root and
 * started by its run.sh with its template environment, on the embedded stack. In {@code response_stream} mode the
 * Lambda Web Adapter passes the server's response body to the Lambda response stream as the bytes arrive, so when
 * each event reaches a client of the server's port here is when API Gateway can stream it to the browser. The model
 * and the backend are one OpenAI-compatible vendor faked with WireMock, which writes its answer over three seconds.
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabStreamPackageIT {

    private static final String FUNCTION = "PromptLabStreamFunction";
    private static final String MODEL = "gpt-4o-mini";
    private static final List<String> WORDS = List.of("Streams", " reach", " the", " reader", " as", " written", ".");
    private static final int WRITING_MILLIS = 3000;

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static ApplicationContext promptLab;
    private static WebAdapterPackage server;

    @BeforeAll
    static void startThePackagedFunction() throws Exception {
        // the non-streaming function, which owns the projects; it shares the signing key with the package below
        promptLab = TestFunctions.start("PromptLabFunction");
        Map<String, String> environment = WebAdapterPackage.environment(LocalStackExtension.stack(), FUNCTION, Map.of(
                "athanor.auth.jwt-secret", TestFunctions.JWT_SECRET,
                "athanor.crypto.local-key-file", Files.createTempDirectory("keys").resolve("data-key").toString(),
                // the fake vendor listens on localhost
                "athanor.security.allow-private-urls", true,
                "openai.api.key", "sk-vendor",
                "openai.base.url", VENDOR.baseUrl() + "/v1"));
        environment.remove("ATHANOR_AUTH_JWT_SECRET_ARN"); // the secret it names is given directly above
        server = WebAdapterPackage.start(LocalStackExtension.template(), FUNCTION, environment);
        assertEquals(200, server.awaitReadiness(), server.log());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (promptLab != null) {
            promptLab.close();
        }
    }

    @Test
    void every_route_the_template_streams_here_sends_its_first_token_while_the_model_is_still_writing()
            throws Exception {
        VENDOR.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                + "\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"}]}")));
        VENDOR.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody(openAiStream()).withChunkedDribbleDelay(10, WRITING_MILLIS)));
        TeamId team = TeamId.of("lab-" + UUID.randomUUID().toString().substring(0, 8));
        String token = promptLab.getBean(TokenIssuer.class).issue(team, Roles.MEMBER).token();
        PromptProject project = promptLab.getBean(PromptProjectStore.class).create(team,
                new PromptProjectDraft("streaming", MODEL, null, null, null, null));
        String body = """
                {"userPrompt":"Explain {{topic}}","variables":{"topic":"streaming"},"maxLen":50,
                 "testBackendUrl":"%s/v1/chat/completions"}""".formatted(VENDOR.baseUrl());

        Map<String, String> routes = streamedRoutes();
        assertEquals(List.of("/api/projects/{project_id}/generate", "/api/projects/{project_id}/test-backend"),
                List.copyOf(routes.values()));
        // as curl asks, and as a browser does (API Gateway and the adapter pass Accept-Encoding on to the server)
        List<String> acceptEncodings = List.of("identity", "gzip, deflate, br, zstd");
        for (String path : routes.values()) {
            for (String acceptEncoding : acceptEncodings) {
                String url = path.replace("{project_id}", Long.toString(project.id()));
                Streamed response = stream(url, acceptEncoding, token, body);
                String what = path + " (" + response.contentEncoding() + ")";

                assertEquals(200, response.status(), what + ": " + response.text() + "\n" + server.log());
                assertTrue(response.contentType().startsWith("text/event-stream"), what + ": " + response.contentType());
                assertEquals(String.join("", WORDS), response.joinedTokens(), what + ": " + response.text());
                long firstToken = response.arrival("data: {\"type\": \"token\"");
                long done = response.arrival("data: {\"type\": \"done\"");
                assertTrue((done - firstToken) / 1_000_000 > WRITING_MILLIS / 2, what
                        + ": the first token must arrive while the model is still writing, not with the whole answer");
            }
        }
        VENDOR.verify(routes.size() * acceptEncodings.size(), postRequestedFor(urlEqualTo("/v1/chat/completions")));
        // written by the packaged function to the tables its template environment names
        PromptHistoryStore history = promptLab.getBean(PromptHistoryStore.class);
        for (PromptHistoryStore.Kind kind : PromptHistoryStore.Kind.values()) {
            List<PromptHistoryEntry> saved = history.list(team, kind, project.id(), PageRequest.first(50)).items();
            assertEquals(acceptEncodings.size(), saved.size(), kind.toString());
            assertEquals(String.join("", WORDS), saved.get(0).response(), kind.toString());
        }
    }

    /** The paths of the function's API events, by event name. */
    private static Map<String, String> streamedRoutes() {
        Map<String, String> routes = new TreeMap<>();
        CloudFormationTemplate template = CloudFormationTemplate.load(LocalStackExtension.template());
        CloudFormationTemplate.map(template.properties(FUNCTION).get("Events")).forEach((name, event) -> routes.put(
                name, String.valueOf(CloudFormationTemplate.map(CloudFormationTemplate.map(event).get("Properties"))
                        .get("Path"))));
        return routes;
    }

    /** One line of the body and when it arrived. */
    private record Line(String text, long atNanos) {
    }

    private record Streamed(int status, String contentType, String contentEncoding, List<Line> lines) {

        long arrival(String prefix) {
            return lines.stream().filter(l -> l.text().startsWith(prefix)).mapToLong(Line::atNanos).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in " + text()));
        }

        String joinedTokens() {
            StringBuilder tokens = new StringBuilder();
            String prefix = "data: {\"type\": \"token\", \"content\": ";
            lines.stream().filter(l -> l.text().startsWith(prefix)).forEach(l -> {
                String quoted = l.text().substring(prefix.length(), l.text().length() - 1);
                tokens.append(quoted, 1, quoted.length() - 1);
            });
            return tokens.toString();
        }

        String text() {
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l.text()).append('\n'));
            return text.toString();
        }
    }

    /** Posts {@code body} and reads the answer line by line as it arrives, decoding what the server compressed. */
    private static Streamed stream(String path, String acceptEncoding, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.url(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").header("Accept-Encoding", acceptEncoding)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
        List<Line> lines = new ArrayList<>();
        // bytes as they come: a Reader over an inflating stream would wait for a full buffer (available() is 1)
        try (InputStream in = decoded(response.body(), encoding)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        lines.add(new Line(line.toString(StandardCharsets.UTF_8), now));
                        line.reset();
                    } else {
                        line.write(chunk[i]);
                    }
                }
            }
        }
        return new Streamed(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                encoding, lines);
    }

    private static InputStream decoded(InputStream raw, String encoding) throws Exception {
        return switch (encoding) {
            case "identity" -> raw;
            case "gzip" -> new GZIPInputStream(raw);
            case "deflate" -> new InflaterInputStream(raw);
            default -> fail("an encoding this reader does not decode: " + encoding);
        };
    }

    /** An OpenAI chat completion streamed as its API documents it: chunks, a usage chunk, then [DONE]. */
    private static String openAiStream() {
        String head = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":";
        StringBuilder sse = new StringBuilder();
        WORDS.forEach(word -> sse.append(head).append("[{\"index\":0,\"delta\":{\"content\":\"").append(word)
                .append("\"},\"finish_reason\":null}]}\n\n"));
        return sse.append(head).append("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
                .append(head).append("[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":7,")
                .append("\"total_tokens\":11}}\n\n")
                .append("data: [DONE]\n\n").toString();
    }
}
