package dev.athanor.llm;

import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each HTTP kind and the sandbox has a factory bean, so a stored provider configuration becomes a client. */
class ProviderClientsTest {

    @ParameterizedTest
    @EnumSource(value = ProviderKind.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC", "SANDBOX"})
    void the_application_context_builds_a_client_of_each_kind(ProviderKind kind) {
        try (ApplicationContext context = ApplicationContext.run()) {
            var client = context.getBean(ProviderClients.class).create(new ProviderConfig(
                    "p-" + kind.wireName(), kind, null, "key", List.of(), Map.of(), LlmTimeouts.DEFAULT));

            assertEquals(kind, client.kind());
            assertEquals("p-" + kind.wireName(), client.id());
        }
    }
}
