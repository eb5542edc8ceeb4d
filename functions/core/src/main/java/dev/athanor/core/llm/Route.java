package dev.athanor.core.llm;

import dev.athanor.model.llm.LlmProvider;

/** One way to serve a requested model: a provider and the model id that provider knows it by. */
public record Route(LlmProvider provider, String model) {
}
