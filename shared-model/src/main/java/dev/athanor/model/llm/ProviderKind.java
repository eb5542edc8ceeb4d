package dev.athanor.model.llm;

import java.util.Locale;

/** The wire protocols Athanor speaks. */
public enum ProviderKind {
    /** Any OpenAI-compatible base URL (OpenAI, DeepSeek, Gemini, OpenRouter, vLLM, LiteLLM, LlamaStack, Ollama /v1). */
    OPENAI,
    /** Ollama's native API. */
    OLLAMA,
    /** Anthropic Messages API. */
    ANTHROPIC,
    /** Amazon Bedrock Converse through AWS SDK v2. */
    BEDROCK,
    /** Deterministic and offline; not a model. */
    SANDBOX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProviderKind fromWire(String value) {
        if (value != null) {
            for (ProviderKind kind : values()) {
                if (kind.wireName().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
        }
        throw new dev.athanor.model.error.InvalidInputException(
                "kind must be one of openai, ollama, anthropic, bedrock, sandbox");
    }
}
