package dev.athanor.promptlab.stream;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST .../generate} and {@code POST .../test-backend}, in the seed's spellings: camelCase as its curl
 * examples send ({@code userPrompt}, {@code maxLen}), snake_case as its JavaScript example does ({@code user_prompt},
 * {@code max_len}, {@code test_backend_url}), and {@code prompt} as the backend-test curl examples name the user
 * prompt.
 */
@Serdeable
record PromptRequest(@Nullable @JsonProperty("user_prompt") @JsonAlias({"userPrompt", "prompt"}) String userPrompt,
                     @Nullable @JsonProperty("system_prompt") @JsonAlias("systemPrompt") String systemPrompt,
                     @Nullable List<PromptSettings.Message> messages,
                     @Nullable Map<String, Object> variables,
                     @Nullable Double temperature,
                     @Nullable @JsonProperty("max_len") @JsonAlias({"maxLen", "max_tokens", "maxTokens"})
                     Integer maxLen,
                     @Nullable @JsonProperty("top_p") @JsonAlias("topP") Double topP,
                     @Nullable @JsonProperty("top_k") @JsonAlias("topK") Integer topK,
                     @Nullable @JsonProperty("test_backend_url") @JsonAlias("testBackendUrl") String testBackendUrl) {

    static final PromptRequest EMPTY = new PromptRequest(null, null, null, null, null, null, null, null, null);

    PromptSettings settings() {
        return new PromptSettings(userPrompt, systemPrompt, messages, variables, temperature, maxLen, topP, topK);
    }
}
