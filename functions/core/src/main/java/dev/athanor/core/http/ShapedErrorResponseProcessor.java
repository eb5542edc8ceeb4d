package dev.athanor.core.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders every error Micronaut produces (unknown route, wrong method, malformed JSON, oversize body, failed
 * validation, rejected credentials) in the surface's {@link ErrorShape}. A 500 never echoes internals; other
 * statuses carry the message they were raised with (a 503 says what is not configured or not reachable).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ShapedErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    private final ErrorShape shape;

    public ShapedErrorResponseProcessor(ErrorShape shape) {
        this.shape = shape;
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String message;
        Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            // unexpected failures: the cause is logged, never sent
            message = "Internal server error";
        } else if (!context.hasErrors()) {
            message = status.getReason();
        } else {
            List<String> messages = new ArrayList<>();
            for (Error error : context.getErrors()) {
                messages.add(error.getMessage());
                error.getPath().ifPresent(path -> fieldErrors.computeIfAbsent(path, p -> new ArrayList<>()).add(error.getMessage()));
            }
            message = messages.stream().distinct().collect(Collectors.joining("; "));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> typed = (MutableHttpResponse<Object>) response;
        Object body = shape.body(context.getRequest(), status, message, fieldErrors, context.getRootCause().orElse(null));
        return typed.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
