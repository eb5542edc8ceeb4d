package dev.athanor.promptlab.stream;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.promptlab.PromptSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromptInputTest {

    private static PromptSettings single(String user, String system, Map<String, Object> variables) {
        return new PromptSettings(user, system, null, variables, null, null, null, null);
    }

    @Test
    void a_single_prompt_becomes_system_and_user_messages_with_variables_filled() {
        PromptInput input = PromptInput.of(single("Explain {{concept}}", "You teach {{level}}",
                Map.of("concept", "ML", "level", "beginners")));

        assertEquals(List.of(ChatMessage.system("You teach beginners"), ChatMessage.user("Explain ML")),
                input.messages());
        assertEquals("Explain ML", input.prompt());
    }

    @Test
    void missing_variables_are_named_in_order() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PromptInput.of(single("{{a}} and {{b}}", "{{c}}", Map.of("a", 1))));

        assertEquals("Missing template variables: c, b", e.getMessage());
    }

    @Test
    void out_of_range_sampling_values_and_unknown_roles_are_refused_naming_the_field() {
        assertEquals("temperature must be between 0 and 2", assertThrows(InvalidInputException.class,
                () -> PromptInput.of(new PromptSettings("x", null, null, null, 2.5, null, null, null)))
                .getMessage());
        assertEquals("maxLen must be a positive integer", assertThrows(InvalidInputException.class,
                () -> PromptInput.of(new PromptSettings("x", null, null, null, null, -1, null, null)))
                .getMessage());
        assertEquals("messages[1].role must be one of system, user, assistant", assertThrows(
                InvalidInputException.class, () -> PromptInput.of(new PromptSettings(null, null,
                        List.of(new PromptSettings.Message("user", "hi"), new PromptSettings.Message("tool", "x")),
                        null, null, null, null, null))).getMessage());
        assertEquals("userPrompt is required (or messages)", assertThrows(InvalidInputException.class,
                () -> PromptInput.of(single(" ", null, Map.of()))).getMessage());
    }
}
