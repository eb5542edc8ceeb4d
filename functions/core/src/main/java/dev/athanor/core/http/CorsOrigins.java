package dev.athanor.core.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * The allowed CORS origins as people write them in {@code ATHANOR_CORS_ALLOWED_ORIGINS}: {@code "https://a, https://b"}
 * allows both (Micronaut splits the list on commas and would keep the space, which then matches no origin).
 */
@Singleton
class CorsOrigins implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(
            BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        event.getBean().getConfigurations().values().forEach(origins -> origins.setAllowedOrigins(
                origins.getAllowedOrigins().stream().map(String::trim).toList()));
        return event.getBean();
    }
}
