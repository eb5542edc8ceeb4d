package dev.athanor.core.llm;

import dev.athanor.core.llm.LlmRouterTest.MutableClock;
import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelDirectoryTest {

    private static final TeamId TEAM = TeamId.of("team-a");

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger listings = new AtomicInteger();
    // what the environment provider lists, each listing counted
    private volatile List<String> served = List.of("m-1");

    private ModelDirectory directory() {
        ProviderClientFactory factory = new ProviderClientFactory() {
            @Override
            public ProviderKind kind() {
                return ProviderKind.OPENAI;
            }

            @Override
            public LlmProvider create(ProviderConfig config) {
                return new FakeProviders.FakeClient(config, () -> {
                    listings.incrementAndGet();
                    return served.stream().map(id -> new ModelInfo(id, "openai")).toList();
                });
            }
        };
        ProviderCatalog catalog = new ProviderCatalog(new ProviderClients(List.of(factory)),
                new EnvironmentProviders(new MapPropertyResolver(Map.of("openai.api.key", "sk"))), null,
                LlmSettings.cachedFor(Duration.ofMinutes(1)));
        return new ModelDirectory(catalog, clock);
    }

    @Test
    void a_list_that_just_went_stale_routes_at_once_while_one_background_call_lists_the_models_again() {
        ModelDirectory directory = directory();
        assertEquals("m-1", directory.routes(TEAM, "m-1").get(0).model());
        served = List.of("m-1", "m-2");
        clock.advance(Duration.ofMinutes(6));
        List<Runnable> blocking = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            CompletableFuture<List<Route>> routes = directory.routesAsync(TEAM, "m-1", blocking::add);
            assertTrue(routes.isDone(), "routed without blocking work");
        }
        assertEquals(1, blocking.size(), "one listing for every request that found the list stale");
        assertEquals(1, listings.get());

        blocking.remove(0).run();

        assertEquals(2, listings.get());
        assertEquals("m-2", directory.routesAsync(TEAM, "m-2", blocking::add).join().get(0).model());
        assertTrue(blocking.isEmpty());
    }

    @Test
    void a_list_older_than_two_periods_is_listed_again_before_routing() {
        ModelDirectory directory = directory();
        directory.routes(TEAM, "m-1");
        served = List.of("m-2");
        clock.advance(Duration.ofMinutes(11));
        List<Runnable> blocking = new ArrayList<>();

        CompletableFuture<List<Route>> routes = directory.routesAsync(TEAM, "m-2", blocking::add);

        assertFalse(routes.isDone(), "waits for the listing");
        blocking.remove(0).run();
        assertEquals("m-2", routes.join().get(0).model());
    }
}
