package dev.athanor.model.llm;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The less common settings of a chat request, each null when the caller did not set it, named in javadoc by their
 * OpenAI wire names. Each provider maps what its vendor supports and refuses the rest by name
 * ({@link #setParameters}); {@code user} and {@code metadata} describe the call rather than steer the model, so a
 * vendor without such fields is sent none.
 *
 * @param parallelToolCalls   {@code parallel_tool_calls}
 * @param n                   {@code n}: how many choices to generate
 * @param seed                {@code seed}
 * @param user                {@code user}: the end user's id
 * @param presencePenalty     {@code presence_penalty}
 * @param frequencyPenalty    {@code frequency_penalty}
 * @param logitBias           {@code logit_bias}: token id to bias, as the caller sent it
 * @param logprobs            {@code logprobs}
 * @param topLogprobs         {@code top_logprobs}
 * @param reasoningEffort     {@code reasoning_effort}: minimal, low, medium or high
 * @param metadata            {@code metadata}: string keys and values
 * @param maxCompletionTokens whether the caller named the token limit {@code max_completion_tokens} (OpenAI's
 *                            reasoning models refuse {@code max_tokens}) rather than {@code max_tokens}
 * @param passthrough         fields the gateway does not know, passed untouched to OpenAI-compatible upstreams
 */
public record ChatOptions(Boolean parallelToolCalls,
                          Integer n,
                          Long seed,
                          String user,
                          Double presencePenalty,
                          Double frequencyPenalty,
                          JsonNode logitBias,
                          Boolean logprobs,
                          Integer topLogprobs,
                          String reasoningEffort,
                          Map<String, String> metadata,
                          boolean maxCompletionTokens,
                          Map<String, JsonNode> passthrough) {

    public static final ChatOptions NONE =
            new ChatOptions(null, null, null, null, null, null, null, null, null, null, null, false, null);

    public ChatOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        passthrough = passthrough == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(passthrough));
    }

    /** How many choices to generate: 1 unless asked for more. */
    public int choices() {
        return n == null ? 1 : n;
    }

    /**
     * The wire names of the settings that steer the model and were set: {@code n} only above 1, {@code logprobs}
     * only when true, {@code parallel_tool_calls} only when false (true is every vendor's default).
     */
    public List<String> setParameters() {
        List<String> set = new ArrayList<>();
        if (Boolean.FALSE.equals(parallelToolCalls)) {
            set.add("parallel_tool_calls");
        }
        if (n != null && n > 1) {
            set.add("n");
        }
        add(set, "seed", seed);
        add(set, "presence_penalty", presencePenalty);
        add(set, "frequency_penalty", frequencyPenalty);
        add(set, "logit_bias", logitBias);
        if (Boolean.TRUE.equals(logprobs)) {
            set.add("logprobs");
        }
        add(set, "top_logprobs", topLogprobs);
        add(set, "reasoning_effort", reasoningEffort);
        return set;
    }

    private static void add(List<String> set, String name, Object value) {
        if (value != null) {
            set.add(name);
        }
    }
}
