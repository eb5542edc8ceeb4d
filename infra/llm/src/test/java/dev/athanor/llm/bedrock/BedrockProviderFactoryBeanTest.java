package dev.athanor.llm.bedrock;

import dev.athanor.llm.ProviderClients;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bedrock kind is wired into the application: ProviderClients finds its factory by kind. */
class BedrockProviderFactoryBeanTest {

    @Test
    void provider_clients_build_a_bedrock_provider_for_the_bedrock_kind() {
        try (ApplicationContext context = ApplicationContext.run()) {
            LlmProvider provider = context.getBean(ProviderClients.class).create(new ProviderConfig("team-bedrock",
                    ProviderKind.BEDROCK, null, null, List.of("amazon.nova-lite-v1:0"), Map.of("region", "eu-west-1"),
                    null));

            assertEquals(ProviderKind.BEDROCK, provider.kind());
            assertEquals("team-bedrock", provider.id());
            assertEquals("amazon", provider.models().get(0).ownedBy());
        }
    }
}
