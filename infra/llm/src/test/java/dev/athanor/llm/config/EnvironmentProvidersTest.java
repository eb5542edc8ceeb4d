package dev.athanor.llm.config;

import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentProvidersTest {

    /** Providers of a context whose only configuration is {@code variables}, read as Lambda passes environment variables. */
    private static List<ProviderConfig> fromEnvironment(Map<String, Object> variables, Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder()
                .environmentPropertySource(false)
                .deduceEnvironment(false)
                .propertySources(PropertySource.of("env", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE),
                        PropertySource.of("local", properties, 100))
                .start()) {
            return context.getBean(EnvironmentProviders.class).configs();
        }
    }

    private static List<ProviderConfig> fromEnvironment(Map<String, Object> variables) {
        return fromEnvironment(variables, Map.of());
    }

    @Test
    void nothing_configured_means_no_providers() {
        assertEquals(List.of(), fromEnvironment(Map.of()));
    }

    @Test
    void vendor_keys_switch_on_their_providers_with_default_urls_and_known_models() {
        List<ProviderConfig> configs = fromEnvironment(Map.of("OPENAI_API_KEY", "sk-o", "GEMINI_API_KEY", "g-k",
                "DEEPSEEK_API_KEY", "d-k", "ANTHROPIC_API_KEY", "a-k"));

        assertEquals(List.of("openai", "anthropic", "gemini", "deepseek"), configs.stream().map(ProviderConfig::id).toList());
        assertEquals(List.of(ProviderKind.OPENAI, ProviderKind.ANTHROPIC, ProviderKind.OPENAI, ProviderKind.OPENAI),
                configs.stream().map(ProviderConfig::kind).toList());
        assertEquals(List.of("https://api.openai.com/v1", "https://api.anthropic.com",
                        "https://generativelanguage.googleapis.com/v1beta/openai", "https://api.deepseek.com/v1"),
                configs.stream().map(ProviderConfig::baseUrl).toList());
        assertEquals(List.of("sk-o", "a-k", "g-k", "d-k"), configs.stream().map(ProviderConfig::apiKey).toList());
        assertTrue(configs.get(0).models().contains("gpt-4o-mini"));
        assertEquals(List.of("deepseek-chat", "deepseek-reasoner"), configs.get(3).models());
    }

    @Test
    void base_url_and_model_list_override_the_defaults() {
        List<ProviderConfig> configs = fromEnvironment(Map.of("OPENAI_API_KEY", "sk-o",
                "OPENAI_BASE_URL", "http://vllm.internal:8000/v1/", "OPENAI_MODELS", " llama-3 , qwen,,llama-3",
                "DEEPSEEK_API_KEY", "d-k", "DEEPSEEK_BASE_URL", "https://proxy.example.com/v1"));

        assertEquals("http://vllm.internal:8000/v1", configs.get(0).baseUrl());
        assertEquals(List.of("llama-3", "qwen"), configs.get(0).models());
        // a custom URL may serve anything: no vendor defaults are declared for it
        assertEquals(List.of(), configs.get(1).models());
    }

    @Test
    void a_blank_key_configures_nothing() {
        assertEquals(List.of(), fromEnvironment(Map.of("OPENAI_API_KEY", "  ", "ANTHROPIC_API_KEY", "")));
    }

    @Test
    void ollama_needs_only_its_base_url() {
        List<ProviderConfig> configs = fromEnvironment(Map.of("OLLAMA_BASE_URL", "http://localhost:11434/",
                "OLLAMA_MODELS", "llama3.2"));

        assertEquals(List.of(new ProviderConfig("ollama", ProviderKind.OLLAMA, "http://localhost:11434", null,
                List.of("llama3.2"), Map.of(), null)), configs);
    }

    @Test
    void bedrock_switches_on_with_aws_credentials_and_a_region() {
        List<ProviderConfig> keys = fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA...", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_REGION", "eu-west-1"));
        List<ProviderConfig> snapStart = fromEnvironment(Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                "AWS_REGION", "us-east-1", "BEDROCK_MODELS", "amazon.nova-micro-v1:0"));

        assertEquals("bedrock", keys.get(0).id());
        assertEquals(ProviderKind.BEDROCK, keys.get(0).kind());
        assertEquals("eu-west-1", keys.get(0).option("region", null));
        assertTrue(keys.get(0).models().contains("amazon.nova-lite-v1:0"));
        assertEquals(List.of("amazon.nova-micro-v1:0"), snapStart.get(0).models());
    }

    @Test
    void bedrock_stays_off_without_a_region_or_when_disabled() {
        assertEquals(List.of(), fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA...")));
        assertEquals(List.of(), fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA...", "AWS_REGION", "eu-west-1",
                "ATHANOR_LLM_BEDROCK_ENABLED", "false")));
    }

    @Test
    void the_local_platforms_stand_in_credentials_do_not_switch_bedrock_on() {
        // exactly what LocalStack.awsProperties() gives every local function
        Map<String, Object> local = Map.of("aws.region", "us-east-1", "aws.access-key-id", "athanorlocal",
                "aws.secret-key", "athanorlocalsecret", "aws.services.dynamodb.endpoint-override", "http://localhost:1");

        assertEquals(List.of(), fromEnvironment(Map.of(), local));
    }

    @Test
    void the_api_key_never_shows_in_to_string() {
        ProviderConfig config = fromEnvironment(Map.of("OPENAI_API_KEY", "sk-very-secret")).get(0);

        assertTrue(!config.toString().contains("sk-very-secret"), config.toString());
    }

    @Test
    void each_vendor_key_variable_belongs_to_its_vendors_base_url_even_when_unset() {
        try (ApplicationContext context = ApplicationContext.builder()
                .environmentPropertySource(false)
                .deduceEnvironment(false)
                .propertySources(PropertySource.of("env", Map.of("DEEPSEEK_BASE_URL", "https://proxy.example.com/v1/"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start()) {
            Map<String, String> urls = context.getBean(EnvironmentProviders.class).keyVariableBaseUrls();

            assertEquals("https://api.openai.com/v1", urls.get("OPENAI_API_KEY"));
            assertEquals("https://api.anthropic.com", urls.get("ANTHROPIC_API_KEY"));
            assertEquals("https://proxy.example.com/v1", urls.get("DEEPSEEK_API_KEY"));
            assertEquals(List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "DEEPSEEK_API_KEY"),
                    List.copyOf(urls.keySet()));
        }
    }
}
