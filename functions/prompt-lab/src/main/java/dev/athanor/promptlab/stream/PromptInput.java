package dev.athanor.promptlab.stream;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.model.prompt.RenderedTemplate;
import dev.athanor.model.prompt.TemplateRenderer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checked and rendered form of a prompt-lab call: the conversation sent to the model (a single prompt becomes a
 * system and a user message) with every {@code {{variable}}} filled in. Anything wrong is an
 * {@link InvalidInputException} (422) naming the field, raised before a stream starts.
 */
record PromptInput(PromptSettings settings, List<ChatMessage> messages) {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    static PromptInput of(PromptSettings settings) {
        checkSampling(settings);
        Set<String> missing = new LinkedHashSet<>();
        List<ChatMessage> messages = new ArrayList<>();
        if (settings.messages() != null && !settings.messages().isEmpty()) {
            for (int i = 0; i < settings.messages().size(); i++) {
                PromptSettings.Message message = settings.messages().get(i);
                if (message == null || message.role() == null || !ROLES.contains(message.role())) {
                    throw invalid("messages[" + i + "].role", "must be one of system, user, assistant");
                }
                messages.add(new ChatMessage(message.role(), render(message.content(), settings.variables(), missing)));
            }
        } else if (settings.userPrompt() != null && !settings.userPrompt().isBlank()) {
            if (settings.systemPrompt() != null && !settings.systemPrompt().isBlank()) {
                messages.add(ChatMessage.system(render(settings.systemPrompt(), settings.variables(), missing)));
            }
            messages.add(ChatMessage.user(render(settings.userPrompt(), settings.variables(), missing)));
        } else {
            throw invalid("userPrompt", "is required (or messages)");
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("Missing template variables: " + String.join(", ", missing),
                    Map.of("variables", List.of("lacks " + String.join(", ", missing))));
        }
        return new PromptInput(settings, List.copyOf(messages));
    }

    /** The user prompt as sent: the last user message, for backends that take one prompt. */
    String prompt() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The system prompt as sent, or null. */
    String systemPrompt() {
        return messages.stream().filter(m -> m.role().equals("system")).map(ChatMessage::content).findFirst()
                .orElse(null);
    }

    private static String render(String template, Map<String, Object> variables, Set<String> missing) {
        RenderedTemplate rendered = TemplateRenderer.render(template, variables);
        missing.addAll(rendered.missing());
        return rendered.text();
    }

    private static void checkSampling(PromptSettings settings) {
        if (settings.temperature() != null && !(settings.temperature() >= 0 && settings.temperature() <= 2)) {
            throw invalid("temperature", "must be between 0 and 2");
        }
        if (settings.maxLen() != null && settings.maxLen() < 1) {
            throw invalid("maxLen", "must be a positive integer");
        }
        if (settings.topP() != null && !(settings.topP() >= 0 && settings.topP() <= 1)) {
            throw invalid("topP", "must be between 0 and 1");
        }
        if (settings.topK() != null && settings.topK() < 0) {
            throw invalid("topK", "must not be negative");
        }
    }

    private static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(field + " " + problem, Map.of(field, List.of(problem)));
    }
}
