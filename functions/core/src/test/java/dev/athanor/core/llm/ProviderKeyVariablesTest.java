package dev.athanor.core.llm;

import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderKeyVariablesTest {

    private final ProviderKeyVariables keys = new ProviderKeyVariables(
            List.of("OPENAI_API_KEY", " MY_VLLM_KEY ", "none", "lower_case"),
            Map.of("OPENAI_API_KEY", "https://api.openai.com/v1"),
            new MapPropertyResolver(Map.of("my.vllm.key", "sk-vllm", "aws.secret.access.key", "aws-secret")));

    @Test
    void only_well_formed_listed_names_are_allowed() {
        assertEquals(Set.of("OPENAI_API_KEY", "MY_VLLM_KEY"), keys.allowed());
        assertTrue(keys.problem("AWS_SECRET_ACCESS_KEY", ProviderKind.OPENAI, null).orElseThrow()
                .contains("OPENAI_API_KEY, MY_VLLM_KEY"));
        assertEquals(Optional.of("is not enabled on this server"),
                ProviderKeyVariables.NONE.problem("OPENAI_API_KEY", ProviderKind.OPENAI, null));
    }

    @Test
    void a_vendor_key_may_only_go_to_its_vendors_base_url() {
        assertEquals(Optional.empty(), keys.problem("OPENAI_API_KEY", ProviderKind.OPENAI, null));
        assertEquals(Optional.empty(),
                keys.problem("OPENAI_API_KEY", ProviderKind.OPENAI, "https://api.openai.com/v1/"));
        assertTrue(keys.problem("OPENAI_API_KEY", ProviderKind.OPENAI, "https://attacker.example.com/v1").isPresent());
        assertTrue(keys.problem("OPENAI_API_KEY", ProviderKind.ANTHROPIC, null).isPresent());
        assertEquals(Optional.empty(), keys.problem("MY_VLLM_KEY", ProviderKind.OPENAI, "https://vllm.example.com/v1"));
    }

    @Test
    void with_key_reads_the_variable_only_when_allowed_and_the_config_has_no_key() {
        ProviderConfig vllm = config("MY_VLLM_KEY", null);
        assertEquals("sk-vllm", keys.withKey(vllm).apiKey());
        assertEquals("sk-own", keys.withKey(config("MY_VLLM_KEY", "sk-own")).apiKey());
        assertNull(keys.withKey(config("AWS_SECRET_ACCESS_KEY", null)).apiKey());
        assertNull(keys.withKey(config("OPENAI_API_KEY", null)).apiKey(), "unset, and bound to another URL");
        assertNull(ProviderKeyVariables.NONE.withKey(vllm).apiKey());
    }

    private static ProviderConfig config(String variable, String key) {
        return new ProviderConfig("p", ProviderKind.OPENAI, "https://vllm.example.com/v1", key, List.of(),
                Map.of("api_key_env", variable), null);
    }
}
