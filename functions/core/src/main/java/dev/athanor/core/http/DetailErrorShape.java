package dev.athanor.core.http;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** {@code {"detail": "..."}}: the error body of most seed APIs, and the default shape of a surface. */
@Singleton
@Secondary
public class DetailErrorShape implements ErrorShape {

    @Override
    public Object body(HttpStatus status, String message, Map<String, List<String>> fieldErrors) {
        return Map.of("detail", message);
    }
}
