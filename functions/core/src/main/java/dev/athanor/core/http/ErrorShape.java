package dev.athanor.core.http;

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

    /** The status for well-formed but invalid input (FastAPI-based seeds use 422). */
    default HttpStatus invalidInputStatus() {
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
}
