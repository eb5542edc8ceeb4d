package dev.athanor.promptlab.stream;

import dev.athanor.core.http.LlmExceptionHandler;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.prompt.ReasonedText;
import dev.athanor.model.prompt.ReasoningExtractor;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code generate}: the project's model answers the prompt, streamed as events: {@code token} for the answer,
 * {@code thought} for {@code <think>} reasoning, then {@code done} with the time taken and token counts, once the
 * result is in the prompt history. The call goes through the LLM core (routing, fallback, metering under surface
 * {@code prompt-lab} and the project's id). Bad input and unknown projects are refused before the stream starts; a
 * model failure after it ends the stream with an {@code error} event and saves nothing.
 */
@Singleton
@Requires(beans = {PromptProjects.class, PromptHistoryStore.class})
public class PromptGeneration {

    static final String SURFACE = "prompt-lab";
    private static final Logger LOG = LoggerFactory.getLogger(PromptGeneration.class);

    private final PromptProjects projects;
    private final PromptHistoryStore history;
    private final LlmService llm;
    private final JsonMapper json;
    private final ScheduledExecutorService scheduler;
    private final Executor blocking;
    private final PromptLabStreamConfiguration configuration;
    private final Clock clock;

    PromptGeneration(PromptProjects projects, PromptHistoryStore history, LlmService llm, JsonMapper json,
                     EventLoopGroupRegistry loops,
                     @Named(TaskExecutors.BLOCKING) Executor blocking, PromptLabStreamConfiguration configuration,
                     Clock clock) {
        this.projects = projects;
        this.history = history;
        this.llm = llm;
        this.json = json;
        // the event loops also time the keep-alives: a tick per stream, never blocking
        this.scheduler = loops.getDefaultEventLoopGroup();
        this.blocking = blocking;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * Checks the request and starts the call; the events follow as the model answers.
     *
     * @throws NotFoundException     when the team has no such project
     * @throws dev.athanor.model.error.InvalidInputException when the prompt, its variables or a sampling value
     *                               is not acceptable
     */
    public Flux<byte[]> generate(TeamPrincipal caller, long projectId, PromptSettings settings) {
        TeamId team = caller.team();
        PromptProject project = projects.get(team, projectId);
        PromptInput input = PromptInput.of(settings);
        ChatRequest request = new ChatRequest(project.providerId(), input.messages(), settings.temperature(),
                settings.topP(), settings.maxLen(), null, settings.topK());
        // the caller's account and API key come along: the key's models, budget and limits hold here as on the gateway
        CallContext context = CallContext.of(caller, SURFACE).withProject(Long.toString(projectId));
        EventStream events = new EventStream(json, scheduler, configuration.getHeartbeatInterval());
        events.event("status", "Generating with " + project.providerId());
        ThinkSplitter splitter = new ThinkSplitter();
        StringBuilder text = new StringBuilder(); // written by the listener, read once the call has completed
        long start = System.nanoTime();
        CompletableFuture<ChatResponse> call;
        try {
            call = llm.streamAsync(context, request, piece -> {
                if (events.cancelled()) {
                    throw new IllegalStateException("the client closed the stream");
                }
                text.append(piece);
                splitter.accept(piece).forEach(part -> events.event(part.thought() ? "thought" : "token",
                        part.text()));
            });
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenCompleteAsync((summary, failure) -> {
            if (events.cancelled()) {
                return; // the caller left before the end: there is no whole answer to keep
            }
            splitter.finish().forEach(part -> events.event(part.thought() ? "thought" : "token", part.text()));
            if (failure != null) {
                events.end("error", Map.of("content", failureMessage(failure)));
                return;
            }
            finish(team, projectId, settings, text.toString(), summary, start, events);
        }, blocking);
        return events.body();
    }

    private void finish(TeamId team, long projectId, PromptSettings settings, String text, ChatResponse summary,
                        long start, EventStream events) {
        double seconds = (System.nanoTime() - start) / 1e9;
        ReasonedText reasoned = ReasoningExtractor.extract(text);
        PromptHistoryEntry saved;
        try {
            saved = history.add(team, PromptHistoryStore.Kind.PROMPT, new PromptHistoryEntry(0, projectId, settings,
                    reasoned.answer(), reasoned.reasoning(), null, null, null, false, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("Could not save a generation of project {} to its history", projectId, e);
            events.end("error", Map.of("content", "The answer could not be saved to the prompt history"));
            return;
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("response_time", Math.round(seconds * 1000) / 1000.0);
        done.put("prompt_tokens", summary.usage().promptTokens());
        done.put("completion_tokens", summary.usage().completionTokens());
        done.put("total_tokens", summary.usage().totalTokens());
        done.put("finish_reason", summary.finishReason());
        done.put("history_id", saved.id());
        events.end("done", done);
    }

    static String failureMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof LlmException llmError) {
            return LlmExceptionHandler.upstreamMessage(llmError);
        }
        if (cause instanceof DomainException domain) {
            return domain.getMessage(); // an unknown model id, a budget reached
        }
        LOG.warn("A prompt-lab generation failed", cause);
        return "The generation failed";
    }
}
