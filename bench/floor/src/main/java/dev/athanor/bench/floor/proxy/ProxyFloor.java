package dev.athanor.bench.floor.proxy;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.runtime.Micronaut;
import org.reactivestreams.Publisher;

import java.net.URI;

/**
 * The Micronaut floor of bench/peers.sh: the leanest gateway Micronaut makes, a server filter relaying every request
 * under /v1 to the upstream with Micronaut's proxy client (Micronaut's documented way to proxy), no routing, no body
 * parsing, no security. What the framework itself adds to a proxied call on the same versions and JVM flags as the
 * gateway. Run: java -cp target/proxy/function.jar dev.athanor.bench.floor.proxy.ProxyFloor, with FLOOR_UPSTREAM (the
 * upstream's origin) and MICRONAUT_SERVER_PORT.
 */
@Filter("/v1/**")
public class ProxyFloor implements HttpServerFilter {

    private final ProxyHttpClient client;
    private final URI upstream;

    public ProxyFloor(ProxyHttpClient client, @Value("${floor.upstream}") URI upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return client.proxy(request.mutate().uri(uri -> uri.scheme(upstream.getScheme()).host(upstream.getHost())
                .port(upstream.getPort())));
    }

    public static void main(String[] args) {
        Micronaut.run(ProxyFloor.class, args);
    }
}
