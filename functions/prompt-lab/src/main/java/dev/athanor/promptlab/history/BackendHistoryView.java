package dev.athanor.promptlab.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** A backend-test entry as the API shows it: the prompt sent, how the backend answered, and the team's verdict. */
@Serdeable
record BackendHistoryView(long id,
                          @JsonProperty("project_id") long projectId,
                          @JsonProperty("user_prompt") String userPrompt,
                          @JsonProperty("system_prompt") String systemPrompt,
                          List<PromptSettings.Message> messages,
                          Map<String, Object> variables,
                          Double temperature,
                          @JsonProperty("max_len") Integer maxLen,
                          @JsonProperty("top_p") Double topP,
                          @JsonProperty("top_k") Integer topK,
                          @JsonProperty("test_backend_url") String testBackendUrl,
                          @JsonProperty("backend_response") String backendResponse,
                          @JsonProperty("status_code") Integer statusCode,
                          @JsonProperty("response_time_ms") Long responseTimeMs,
                          @JsonProperty("time_to_first_byte_ms") Long timeToFirstByteMs,
                          @JsonProperty("error_message") String errorMessage,
                          Integer rating,
                          String notes,
                          @JsonProperty("is_test") boolean isTest,
                          @JsonProperty("created_at") String createdAt) {

    static BackendHistoryView of(PromptHistoryEntry entry) {
        PromptSettings p = entry.prompt();
        PromptHistoryEntry.BackendResult b = entry.backend();
        return new BackendHistoryView(entry.id(), entry.projectId(), p.userPrompt(), p.systemPrompt(), p.messages(),
                p.variables(), p.temperature(), p.maxLen(), p.topP(), p.topK(), b == null ? null : b.url(),
                entry.response(), b == null ? null : b.statusCode(), b == null ? null : b.responseTimeMs(),
                b == null ? null : b.timeToFirstByteMs(), b == null ? null : b.error(), entry.rating(),
                entry.notes(), entry.marked(), entry.createdAt().toString());
    }
}
