package dev.athanor.gateway.chat;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A context started with {@code test.route-thread-probe} notes the thread each chat completion reaches its route on:
 * the last filter before the route, after the body checks.
 */
@ServerFilter(value = "/v1/chat/completions", methods = HttpMethod.POST)
@Requires(property = "test.route-thread-probe")
class RouteThreadProbe implements Ordered {

    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @RequestFilter
    void seen() {
        threads.add(Thread.currentThread());
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.LAST.order();
    }
}
