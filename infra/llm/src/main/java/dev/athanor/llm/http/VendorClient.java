package dev.athanor.llm.http;

import dev.athanor.model.llm.ProviderConfig;
import io.micronaut.context.BeanContext;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpClientConfiguration.ConnectionPoolConfiguration.ConnectionLocality;
import io.micronaut.http.client.HttpClientRegistry;
import io.micronaut.http.client.HttpVersionSelection;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.RawHttpClient;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP client under every vendor call and every call to a user's backend: Micronaut's Netty client on the
 * application's default event loops, which are the Netty server's own where there is one. A call started while
 * serving a request then takes a connection of that request's event loop, so the upstream exchange and the answer
 * run on the thread that read the request, with no hand-off between threads. The client's own limits are off; each
 * call's deadlines are its caller's. Redirects are never followed. One client serves every vendor (its pool is per
 * host), one more for each distinct connect timeout.
 *
 * <p>{@link #guarded()} is the same transport for URLs a user gave: its clients resolve host names through the
 * Netty {@code AddressResolverGroup} bean named {@value #GUARDED_RESOLVER} (the SSRF guard's), so each connection is
 * made only to an address the guard has just judged, whatever the name resolved to when the URL was checked.
 *
 * <p>{@link #schedule} times the calls' deadlines on the same event loops, so a call started on one sets and drops
 * its deadline without waking any other thread.
 */
@Singleton
public final class VendorClient implements AutoCloseable {

    /** The name of the address resolver group bean that checks every address a guarded connection may use. */
    public static final String GUARDED_RESOLVER = "athanor-outbound-guard";

    private static final Duration POOL_IDLE = Duration.ofSeconds(60);

    private record Key(Duration connectTimeout, boolean guarded) {
    }

    /**
     * What the plain transport and its guarded view share; {@code registry} holds the application's event loops
     * (null for a standalone client), looked up on the first deadline.
     */
    private static final class Shared {
        final Function<HttpClientConfiguration, RawHttpClient> factory;
        final boolean canGuard;
        final ConcurrentMap<Key, RawHttpClient> clients = new ConcurrentHashMap<>();
        private final EventLoopGroupRegistry registry;
        private volatile EventLoopGroup loops;

        Shared(Function<HttpClientConfiguration, RawHttpClient> factory, boolean canGuard,
               EventLoopGroupRegistry registry) {
            this.factory = factory;
            this.canGuard = canGuard;
            this.registry = registry;
        }

        EventLoopGroup loops() {
            EventLoopGroup group = loops;
            if (group == null && registry != null) {
                group = registry.getDefaultEventLoopGroup();
                loops = group;
            }
            return group;
        }
    }

    /** The timer of deadlines set off the application's event loops (a standalone client, a blocking caller). */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor SHARED = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "athanor-deadlines");
            thread.setDaemon(true);
            return thread;
        });

        static {
            SHARED.setRemoveOnCancelPolicy(true);
        }
    }

    private final Shared shared;
    private final boolean guarded;
    private volatile VendorClient guardedView;

    @Inject
    public VendorClient(HttpClientRegistry<?> registry, BeanContext context, EventLoopGroupRegistry loops) {
        this(new Shared(configuration -> (RawHttpClient) registry.resolveClient(null, LoadBalancer.empty(),
                configuration, context), true, loops), false);
    }

    private VendorClient(Shared shared, boolean guarded) {
        this.shared = shared;
        this.guarded = guarded;
    }

    /**
     * A client with event loops of its own, for code that runs outside an application context. It has no SSRF
     * guard: {@link #guarded()} refuses.
     */
    public static VendorClient standalone() {
        return new VendorClient(new Shared(configuration -> RawHttpClient.create(null, configuration), false, null),
                false);
    }

    /** This transport for a URL a user gave: every connection goes through the SSRF guard. */
    public VendorClient guarded() {
        if (guarded) {
            return this;
        }
        if (!shared.canGuard) {
            throw new IllegalStateException("A standalone vendor client has no SSRF guard");
        }
        VendorClient view = guardedView;
        if (view == null) {
            view = new VendorClient(shared, true);
            guardedView = view;
        }
        return view;
    }

    /** This transport, guarded when the provider's base URL is a user's. */
    public VendorClient forProvider(ProviderConfig config) {
        return config.guarded() ? guarded() : this;
    }

    public boolean isGuarded() {
        return guarded;
    }

    /** The client for calls with this connect timeout; guarded when this transport is. */
    public RawHttpClient client(Duration connectTimeout) {
        return shared.clients.computeIfAbsent(new Key(connectTimeout, guarded),
                key -> shared.factory.apply(configuration(key)));
    }

    /**
     * Runs the task once the delay has passed: on the calling thread's event loop when it is one of the
     * application's (where the call's exchange and its end run too), otherwise on a shared timer thread. Cancel the
     * returned future when the call ends.
     */
    public Future<?> schedule(Runnable task, long delayMillis) {
        EventLoopGroup loops = shared.loops();
        if (loops != null) {
            for (EventExecutor loop : loops) {
                if (loop.inEventLoop()) {
                    return loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
                }
            }
        }
        return Timer.SHARED.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static HttpClientConfiguration configuration(Key key) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(key.connectTimeout());
        configuration.setReadTimeout(null);
        configuration.setReadIdleTimeout(null);
        configuration.setConnectionPoolIdleTimeout(POOL_IDLE);
        configuration.setFollowRedirects(false);
        configuration.setExceptionOnErrorStatus(false);
        // https vendors negotiate HTTP/2 (many calls share one connection); plain http stays HTTP/1.1 (Ollama, vLLM)
        configuration.setPlaintextMode(HttpVersionSelection.PlaintextMode.HTTP_1);
        configuration.setAlpnModes(List.of(HttpVersionSelection.ALPN_HTTP_2, HttpVersionSelection.ALPN_HTTP_1));
        configuration.getConnectionPoolConfiguration().setConnectionLocality(ConnectionLocality.PREFERRED);
        if (key.guarded()) {
            configuration.setAddressResolverGroupName(GUARDED_RESOLVER);
        }
        return configuration;
    }

    @Override
    @PreDestroy
    public void close() {
        shared.clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        });
        shared.clients.clear();
    }
}
