package dev.athanor.model.providers;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.net.HostResolver;
import dev.athanor.model.net.OutboundUrlRules;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderRegistrationTest {

    private static final HostResolver LITERALS = host -> Arrays.asList(InetAddress.getAllByName(host));
    private static final OutboundUrlRules STRICT = new OutboundUrlRules(false);

    @Test
    void a_valid_registration_becomes_a_definition_with_defaults() {
        ProviderDefinition definition = new ProviderRegistration("team-vllm", "OpenAI", "https://93.184.215.14/v1/",
                "sk-secret", List.of(" llama-3 ", "llama-3", "qwen"), Map.of("region", "eu"), null)
                .validate(STRICT, LITERALS);

        assertEquals(new ProviderDefinition("team-vllm", ProviderKind.OPENAI, "https://93.184.215.14/v1",
                List.of("llama-3", "qwen"), Map.of("region", "eu"), true), definition);
    }

    @Test
    void every_bad_field_is_reported_at_once() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                new ProviderRegistration("Bad Id!", "gpt", "http://169.254.169.254", "k\n", List.of("has space"),
                        Map.of("1bad", "v"), true).validate(STRICT, LITERALS));

        assertEquals(List.of("api_key", "base_url", "id", "kind", "models", "options"),
                e.fieldErrors().keySet().stream().sorted().toList());
        assertTrue(e.getMessage().startsWith("Invalid provider: "), e.getMessage());
    }

    @Test
    void private_base_urls_need_the_operator_setting() {
        ProviderRegistration local = new ProviderRegistration("ollama", "ollama", "http://127.0.0.1:11434", null,
                null, null, false);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> local.validate(STRICT, LITERALS));
        assertEquals(List.of("must not point at a loopback or private address"), e.fieldErrors().get("base_url"));
        assertFalse(local.validate(new OutboundUrlRules(true), LITERALS).enabled());
    }

    @Test
    void ollama_needs_a_base_url_and_sandbox_cannot_be_registered() {
        InvalidInputException ollama = assertThrows(InvalidInputException.class, () ->
                new ProviderRegistration("o", "ollama", null, null, null, null, null).validate(STRICT, LITERALS));
        InvalidInputException sandbox = assertThrows(InvalidInputException.class, () ->
                new ProviderRegistration("s", "sandbox", null, null, null, null, null).validate(STRICT, LITERALS));

        assertTrue(ollama.fieldErrors().containsKey("base_url"));
        assertTrue(sandbox.fieldErrors().containsKey("kind"));
    }

    @Test
    void to_string_never_shows_the_key() {
        String text = new ProviderRegistration("p", "openai", null, "sk-very-secret", null, null, null).toString();

        assertFalse(text.contains("sk-very-secret"), text);
        assertTrue(text.contains("apiKey=***"), text);
    }
}
