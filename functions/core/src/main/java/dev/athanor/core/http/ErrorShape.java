package dev.athanor.core.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * How a surface writes an error body. Each seed API has its own: most use {@code {"detail": "..."}}, one
 * uses {@code {"status": "error", "error": {...}}}. Every error of a surface, from routing, body
 * decoding, validation, security or the domain, goes through its shape.
 */
public interface ErrorShape {

    Object body(HttpStatus status, String message, Map<String, List<String>> fieldErrors);

    /**
     * The body of an error answering {@code request}, caused by {@code cause} when an exception is answered. A surface
     * whose routes answer in more than one shape (the gateway's OpenAI {@code /v1} routes) tells them apart here.
     */
    default Object body(@Nullable HttpRequest<?> request, HttpStatus status, String message,
                        Map<String, List<String>> fieldErrors, @Nullable Throwable cause) {
        return body(status, message, fieldErrors);
    }

    /** The status for well-formed but invalid input (FastAPI-based seeds use 422). */
    default HttpStatus invalidInputStatus() {
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
}
