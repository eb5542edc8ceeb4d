package dev.athanor.promptlab.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.model.promptlab.PromptTestSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * A project's backend-test settings in the seed's snake_case shape, nulls included, with where they were read:
 * {@code source} {@code git} (and the commit) or {@code database}.
 */
@Serdeable
record TestSettingsView(@JsonProperty("test_backend_url") String testBackendUrl,
                        @JsonProperty("user_prompt") String userPrompt,
                        @JsonProperty("system_prompt") String systemPrompt,
                        Map<String, Object> variables,
                        Double temperature,
                        @JsonProperty("max_len") Integer maxLen,
                        @JsonProperty("top_p") Double topP,
                        @JsonProperty("top_k") Integer topK,
                        String source,
                        @JsonProperty("commit_sha") @Nullable String commitSha) {

    static TestSettingsView of(PromptTestSettings settings) {
        return of(settings.testBackendUrl(), settings.prompt(), "database", null);
    }

    static TestSettingsView of(@Nullable String testBackendUrl, PromptSettings p, String source,
                               @Nullable String commitSha) {
        return new TestSettingsView(testBackendUrl, p.userPrompt(), p.systemPrompt(), p.variables(),
                p.temperature(), p.maxLen(), p.topP(), p.topK(), source, commitSha);
    }
}
