package dev.athanor.core.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Micronaut's own messages for a request argument it cannot bind name Java types, argument names and parser
 * positions ("Failed to convert argument [request] for value [null] due to: Cannot deserialize value of type
 * `java.lang.Integer`..."). These handlers say the same in the API's words: which query parameter, header, path
 * segment or body field, and what it must be.
 */
final class ArgumentErrorHandlers {

    private ArgumentErrorHandlers() {
    }

    /** The name a client knows an argument by: the query parameter, header, cookie or path variable it binds. */
    static String nameOf(Argument<?> argument) {
        AnnotationMetadata metadata = argument.getAnnotationMetadata();
        for (Class<? extends java.lang.annotation.Annotation> binding
                : List.of(QueryValue.class, PathVariable.class, Header.class, CookieValue.class)) {
            String value = metadata.stringValue(binding).orElse("");
            if (metadata.hasAnnotation(binding) && !value.isEmpty()) {
                return value;
            }
        }
        return argument.getName();
    }

    private static boolean isBody(Argument<?> argument) {
        return argument.getAnnotationMetadata().hasAnnotation(Body.class);
    }

    @Singleton
    @Replaces(ConversionErrorHandler.class)
    static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

        private final ErrorResponses responses;
        private final ErrorShape shape;

        Conversion(ErrorResponses responses, ErrorShape shape) {
            this.responses = responses;
            this.shape = shape;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
            Argument<?> argument = exception.getArgument();
            if (isBody(argument)) {
                // a body that passed RequestBodyFilter's checks and still does not bind
                return responses.of(request, shape.invalidInputStatus(),
                        "The body does not have the fields and types this route takes", Map.of());
            }
            String name = nameOf(argument);
            return responses.of(request, shape.invalidInputStatus(), null,
                    Map.of(name, List.of("must be " + BodyShape.kindOf(argument.getType()))));
        }
    }

    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    static class Unsatisfied implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<?>> {

        private final ErrorResponses responses;
        private final ErrorShape shape;

        Unsatisfied(ErrorResponses responses, ErrorShape shape) {
            this.responses = responses;
            this.shape = shape;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedArgumentException exception) {
            Argument<?> argument = exception.getArgument();
            if (isBody(argument)) {
                return responses.of(request, shape.invalidInputStatus(), "The body is required", Map.of());
            }
            return responses.of(request, shape.invalidInputStatus(), null,
                    Map.of(nameOf(argument), List.of("is required")));
        }
    }

    @Singleton
    @Replaces(JsonExceptionHandler.class)
    static class Json implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {

        private final ErrorResponses responses;

        Json(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
            return responses.of(request, HttpStatus.BAD_REQUEST, "The body is not valid JSON", Map.of());
        }
    }

    @Singleton
    @Replaces(JacksonExceptionHandler.class)
    static class Jackson implements ExceptionHandler<com.fasterxml.jackson.core.JsonProcessingException, HttpResponse<?>> {

        private final ErrorResponses responses;

        Jackson(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, com.fasterxml.jackson.core.JsonProcessingException exception) {
            return responses.of(request, HttpStatus.BAD_REQUEST, "The body is not valid JSON", Map.of());
        }
    }
}
