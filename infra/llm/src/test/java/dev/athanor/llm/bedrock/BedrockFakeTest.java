package dev.athanor.llm.bedrock;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.llm.http.TestJson;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What the Bedrock tests of one concern each share: a fake Bedrock runtime ({@link BedrockWire}), a client factory
 * whose SDK is loaded once per test class, and clients of the fake.
 */
abstract class BedrockFakeTest {

    static {
        BedrockWire.useTestCredentials();
    }

    @RegisterExtension
    static final WireMockExtension BEDROCK = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final LlmTimeouts TIMEOUTS = new LlmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    /** A factory per test class: closing it closes its SDK clients. */
    static BedrockProviderFactory factory;

    @BeforeAll
    static void loadTheSdkOnce() {
        factory = new BedrockProviderFactory(TestJson.MAPPER);
        BedrockWire.warmUp(factory, BEDROCK);
    }

    @AfterAll
    static void closeClients() {
        factory.close();
    }

    static LlmProvider provider(String baseUrl, LlmTimeouts timeouts, List<String> models,
                                Map<String, String> options) {
        return factory.create(new ProviderConfig("bedrock-test", ProviderKind.BEDROCK, baseUrl, null, models, options,
                timeouts));
    }

    /** A client of the fake with the usual deadlines, no declared models and no options. */
    static LlmProvider provider() {
        return provider(BEDROCK.baseUrl(), TIMEOUTS, List.of(), Map.of());
    }
}
