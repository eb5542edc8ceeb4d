package dev.athanor.local.chaos;

import dev.athanor.core.auth.keys.KeyLimits;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmRouter;
import dev.athanor.core.llm.LlmService;
import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.Executor;

/** The real LLM service, counting in a chaos context every model call that was answered, by surface and job. */
@Singleton
@Replaces(LlmService.class)
@Requires(property = "test.chaos")
class CountingLlmService extends LlmService {

    CountingLlmService(ModelDirectory directory, LlmRouter router, @Named(TaskExecutors.BLOCKING) Executor blocking,
                       KeyLimits limits) {
        super(directory, router, blocking, limits);
    }

    @Override
    public ChatResponse chat(CallContext context, ChatRequest request) {
        ChatResponse answer = super.chat(context, request);
        Faults.called(context);
        return answer;
    }
}
