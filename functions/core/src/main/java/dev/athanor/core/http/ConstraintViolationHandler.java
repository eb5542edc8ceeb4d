package dev.athanor.core.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Bean-validation failures on request bodies and parameters: the surface's invalid-input status, naming each field. */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final ErrorResponses responses;
    private final ErrorShape shape;

    public ConstraintViolationHandler(ErrorResponses responses, ErrorShape shape) {
        this.responses = responses;
        this.shape = shape;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        Map<String, List<String>> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            fields.computeIfAbsent(field(violation), f -> new ArrayList<>()).add(violation.getMessage());
        }
        return responses.of(request, shape.invalidInputStatus(), "Invalid request", fields);
    }

    /** The last path node is the JSON field (or parameter) the client sent; the method and argument are ours. */
    private static String field(ConstraintViolation<?> violation) {
        String name = null;
        for (var node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "request" : name;
    }
}
