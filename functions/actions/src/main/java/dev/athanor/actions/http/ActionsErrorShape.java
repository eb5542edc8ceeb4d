package dev.athanor.actions.http;

import dev.athanor.core.http.ErrorShape;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions API's error body: {@code {"status": "error", "error": {"type", "message", "details"}}}. Invalid input
 * is a 400 here, as that document lists no 422.
 */
@Singleton
public class ActionsErrorShape implements ErrorShape {

    @Override
    public Object body(HttpStatus status, String message, Map<String, List<String>> fieldErrors) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type(status));
        error.put("message", message);
        error.put("details", fieldErrors);
        return Map.of("status", "error", "error", error);
    }

    @Override
    public HttpStatus invalidInputStatus() {
        return HttpStatus.BAD_REQUEST;
    }

    private static String type(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST, UNPROCESSABLE_ENTITY -> "validation_error";
            case UNAUTHORIZED -> "authentication_error";
            case FORBIDDEN -> "permission_error";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case SERVICE_UNAVAILABLE -> "service_unavailable";
            default -> status.getCode() >= 500 ? "server_error" : "request_error";
        };
    }
}
