package dev.athanor.core.net;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.llm.ProviderClients;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.testkit.FakeDns;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections to a user's URL go through the SSRF guard when they are made, as in the cloud (no loopback or private
 * address allowed): a name that resolved to a public address when its URL was checked and to the loopback address
 * (where the fake vendor listens) when the client connects never reaches the vendor. The operator's own URLs are not
 * a user's and are not guarded.
 */
@ExtendWith(LocalStackExtension.class)
class GuardedConnectionsIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestFunctions.start("FactoryWorkerFunction", Map.of("athanor.security.allow-private-urls", false));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void theVendorListsAModel() {
        VENDOR.resetAll();
        VENDOR.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}")));
    }

    private static List<ModelInfo> models(String baseUrl, boolean guarded) {
        return context.getBean(ProviderClients.class).create(new ProviderConfig("p", ProviderKind.OPENAI, baseUrl,
                null, List.of(), Map.of(), null, guarded)).models();
    }

    @Test
    void a_name_re_pointed_between_the_check_and_the_connection_cannot_lead_the_call_there() {
        context.getBean(FakeDns.class).answer("rebinding.example.com", "203.0.113.7", "127.0.0.1");
        String url = "http://rebinding.example.com:" + VENDOR.getPort() + "/v1";
        assertTrue(context.getBean(OutboundUrlGuard.class).problem(url).isEmpty(), "checked: a public address");

        LlmException refused = assertThrows(LlmException.class, () -> models(url, true));

        assertTrue(refused.getMessage().contains(
                "address refused (rebinding.example.com must not point at a loopback or private address)"),
                refused.getMessage());
        VENDOR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void a_name_pointing_at_a_metadata_address_when_connecting_is_refused() {
        context.getBean(FakeDns.class).answer("flip.example.com", "203.0.113.8", "169.254.169.254");
        String url = "http://flip.example.com:" + VENDOR.getPort() + "/v1";
        assertTrue(context.getBean(OutboundUrlGuard.class).problem(url).isEmpty());

        LlmException refused = assertThrows(LlmException.class, () -> models(url, true));

        assertTrue(refused.getMessage().contains("must not point at a link-local or metadata address"),
                refused.getMessage());
    }

    @Test
    void literal_addresses_are_judged_when_connecting_too() {
        for (String host : List.of("127.0.0.1", "localhost", "[::ffff:127.0.0.1]")) {
            LlmException refused = assertThrows(LlmException.class,
                    () -> models("http://" + host + ":" + VENDOR.getPort() + "/v1", true), host);
            assertTrue(refused.getMessage().contains("must not point at a loopback or private address"),
                    host + ": " + refused.getMessage());
        }
        VENDOR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void the_operators_own_urls_are_not_guarded() {
        assertEquals(List.of("m"), models(VENDOR.baseUrl() + "/v1", false).stream().map(ModelInfo::id).toList());
    }
}
