package dev.athanor.promptlab.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** A prompt-history entry as the API shows it (snake_case, nulls included). */
@Serdeable
record HistoryView(long id,
                   @JsonProperty("project_id") long projectId,
                   @JsonProperty("user_prompt") String userPrompt,
                   @JsonProperty("system_prompt") String systemPrompt,
                   List<PromptSettings.Message> messages,
                   Map<String, Object> variables,
                   Double temperature,
                   @JsonProperty("max_len") Integer maxLen,
                   @JsonProperty("top_p") Double topP,
                   @JsonProperty("top_k") Integer topK,
                   String response,
                   String thought,
                   Integer rating,
                   String notes,
                   @JsonProperty("is_prod") boolean isProd,
                   @JsonProperty("created_at") String createdAt) {

    static HistoryView of(PromptHistoryEntry entry) {
        PromptSettings p = entry.prompt();
        return new HistoryView(entry.id(), entry.projectId(), p.userPrompt(), p.systemPrompt(), p.messages(),
                p.variables(), p.temperature(), p.maxLen(), p.topP(), p.topK(), entry.response(), entry.thought(),
                entry.rating(), entry.notes(), entry.marked(), entry.createdAt().toString());
    }
}
