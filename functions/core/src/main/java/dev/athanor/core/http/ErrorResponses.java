package dev.athanor.core.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds an error response in the surface's shape from a status, a message and per-field messages. */
@Singleton
public class ErrorResponses {

    private final ErrorResponseProcessor<?> processor;

    public ErrorResponses(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> of(HttpRequest<?> request, HttpStatus status, String message,
                                     Map<String, List<String>> fieldErrors) {
        return of(request, status, message, fieldErrors, null);
    }

    /** The same, answering {@code cause} (the shape may depend on it). */
    public MutableHttpResponse<?> of(HttpRequest<?> request, HttpStatus status, String message,
                                     Map<String, List<String>> fieldErrors, @Nullable Throwable cause) {
        ErrorContext.Builder context = ErrorContext.builder(request);
        if (cause != null) {
            context.cause(cause);
        }
        if (fieldErrors.isEmpty()) {
            context.errorMessage(message);
        } else {
            List<Error> errors = new ArrayList<>();
            fieldErrors.forEach((field, messages) -> messages.forEach(m -> errors.add(new FieldError(field, field + " " + m))));
            context.errors(errors);
        }
        return processor.processResponse(context.build(), HttpResponse.status(status));
    }

    private record FieldError(String field, String message) implements Error {
        @Override
        public Optional<String> getPath() {
            return Optional.of(field);
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
