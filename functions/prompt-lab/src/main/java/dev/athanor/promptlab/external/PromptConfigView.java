package dev.athanor.promptlab.external;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A prompt configuration for outside systems, in the seed's mixed spelling (camelCase fields, {@code is_prod}),
 * with where it was read ({@code source}: {@code git} at {@code commit_sha}, or {@code database}). A prompt saved as
 * a conversation gives its first system message and last user message as the two prompts.
 */
@Serdeable
record PromptConfigView(String userPrompt,
                        String systemPrompt,
                        Double temperature,
                        Integer maxLen,
                        Double topP,
                        Integer topK,
                        Map<String, Object> variables,
                        @JsonProperty("is_prod") boolean isProd,
                        String source,
                        @JsonProperty("commit_sha") @Nullable String commitSha) {

    static PromptConfigView of(PromptHistoryEntry entry, boolean isProd) {
        return of(entry.prompt(), isProd, "database", null);
    }

    static PromptConfigView of(PromptSettings p, boolean isProd, String source, @Nullable String commitSha) {
        List<PromptSettings.Message> messages = p.messages() == null ? List.of() : p.messages();
        String user = p.userPrompt();
        for (int i = messages.size() - 1; user == null && i >= 0; i--) {
            user = "user".equals(messages.get(i).role()) ? messages.get(i).content() : null;
        }
        String system = p.systemPrompt() != null ? p.systemPrompt() : messages.stream()
                .filter(m -> "system".equals(m.role())).map(PromptSettings.Message::content).findFirst().orElse(null);
        return new PromptConfigView(user, system, p.temperature(), p.maxLen(), p.topP(), p.topK(), p.variables(),
                isProd, source, commitSha);
    }
}
