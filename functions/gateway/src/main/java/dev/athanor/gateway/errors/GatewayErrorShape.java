package dev.athanor.gateway.errors;

import dev.athanor.core.http.ErrorShape;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.InvalidParameterException;
import dev.athanor.model.error.LimitExceededException;
import dev.athanor.model.llm.LlmException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's errors: {@code {"detail": ...}} as its API document shows, and on the OpenAI routes ({@code /v1/*})
 * also OpenAI's {@code {"error": {"message", "type", "param", "code"}}}, which OpenAI's SDKs read (a 429's type tells
 * a rate limit, worth retrying soon, from a used-up budget, which is not).
 */
@Singleton
public class GatewayErrorShape implements ErrorShape {

    static final String OPENAI_PREFIX = "/v1/";

    @Override
    public Object body(HttpStatus status, String message, Map<String, List<String>> fieldErrors) {
        return Map.of("detail", message);
    }

    @Override
    public Object body(@Nullable HttpRequest<?> request, HttpStatus status, String message,
                       Map<String, List<String>> fieldErrors, @Nullable Throwable cause) {
        if (request == null || !request.getPath().startsWith(OPENAI_PREFIX)) {
            return body(status, message, fieldErrors);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type(status, cause));
        error.put("param", param(fieldErrors, cause));
        error.put("code", code(status, cause));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", message);
        body.put("error", error);
        return body;
    }

    /** The request parameter the error is about, as OpenAI's SDKs read it; null when it is about none. */
    private static String param(Map<String, List<String>> fieldErrors, @Nullable Throwable cause) {
        if (cause instanceof InvalidParameterException invalid) {
            return invalid.param();
        }
        if (cause instanceof LlmException refused && refused.param() != null) {
            return refused.param();
        }
        if (cause instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            return invalid.fieldErrors().keySet().iterator().next();
        }
        return fieldErrors.isEmpty() ? null : fieldErrors.keySet().iterator().next();
    }

    private static String type(HttpStatus status, @Nullable Throwable cause) {
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            return cause instanceof LimitExceededException limit && limit.quota() ? "insufficient_quota"
                    : "rate_limit_error";
        }
        if (status.getCode() >= 500) {
            return status == HttpStatus.BAD_GATEWAY ? "upstream_error" : "server_error";
        }
        return "invalid_request_error";
    }

    private static String code(HttpStatus status, @Nullable Throwable cause) {
        return switch (status) {
            case TOO_MANY_REQUESTS -> cause instanceof LimitExceededException limit && limit.quota()
                    ? "insufficient_quota" : "rate_limit_exceeded";
            case UNAUTHORIZED -> "invalid_api_key";
            case FORBIDDEN -> "permission_denied";
            case NOT_FOUND -> "not_found";
            default -> null;
        };
    }
}
