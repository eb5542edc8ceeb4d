package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a prompt-lab call is made of: a single prompt (user prompt with {@code {{variables}}}, optional system
 * prompt) or a conversation ({@code messages}), the variables, and the sampling parameters passed to the model.
 * Null fields were not given.
 */
@Serdeable
public record PromptSettings(@Nullable String userPrompt,
                             @Nullable String systemPrompt,
                             @Nullable List<Message> messages,
                             Map<String, Object> variables,
                             @Nullable Double temperature,
                             @Nullable Integer maxLen,
                             @Nullable Double topP,
                             @Nullable Integer topK) {

    public PromptSettings {
        // kept in the order given, and a variable may be JSON null (Map.copyOf would refuse both)
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        messages = messages == null ? null : List.copyOf(messages);
    }

    /** One message of a conversation; role is {@code system}, {@code user} or {@code assistant}. */
    @Serdeable
    public record Message(String role, String content) {
    }
}
