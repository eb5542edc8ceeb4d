package dev.athanor.gateway.chat;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.BodyLimit;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** {@code POST /v1/chat/completions}: OpenAI's chat completion, plain or streamed as server-sent events. */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "LiteLLM")
public class ChatCompletionController {

    /** Inline images make large bodies; Lambda takes up to 6 MB per invocation. */
    static final long CHAT_BODY_LIMIT = 6L * 1024 * 1024;

    private final ChatCompletionParser parser;
    private final LlmService llm;
    private final JsonMapper json;
    private final ServerEventLoops loops;
    private final Clock clock;

    ChatCompletionController(ChatCompletionParser parser, LlmService llm, JsonMapper json, ServerEventLoops loops,
                             Clock clock) {
        this.parser = parser;
        this.llm = llm;
        this.json = json;
        this.loops = loops;
        this.clock = clock;
    }

    /**
     * Completions never hold a thread: parsing, routing and the answer run on the server's event loop and the
     * vendor's reply completes the response. A stream's response starts with its first piece.
     */
    @BodyLimit(CHAT_BODY_LIMIT)
    @Post(value = "/chat/completions", consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Operation(summary = "Chat completion (OpenAI-compatible), whole or streamed as server-sent events")
    CompletableFuture<HttpResponse<?>> complete(Authentication authentication, @Body JsonNode body) {
        ChatCompletionParser.ParsedRequest parsed = parser.parse(body);
        CallContext context = CallContext.of(TeamPrincipal.of(authentication), "gateway");
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = clock.instant().getEpochSecond();
        if (parsed.stream()) {
            ChatStream stream = new ChatStream(llm, json, loops, id, created, parsed.includeUsage());
            return stream.start(context, parsed.request()).thenApply(events -> HttpResponse.ok(events)
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no"));
        }
        return llm.chatAsync(context, parsed.request())
                .thenApply(response -> HttpResponse.ok(OpenAiWire.Completion.of(id, created, response)));
    }
}
