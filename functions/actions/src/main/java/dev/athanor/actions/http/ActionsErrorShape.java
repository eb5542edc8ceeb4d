package dev.athanor.actions.http;

import dev.athanor.actions.content.UnusableAnswerException;
import dev.athanor.core.http.ErrorShape;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.LimitExceededException;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions API's error body, as its document gives it:
 * {@code {"status": "error", "error": {"type", "message", "details": {field: [...]}, "troubleshooting": [...]}}}.
 * The same body also carries {@code message} and {@code errors} at the top level, the shape the document gives for its
 * template-management routes, so a client written against either reads what it expects. The type tells temporary
 * failures (timeout, connection, rate_limited, upstream) from permanent ones (validation, not_found...), and the
 * troubleshooting steps say what to do about each. Invalid input is a 400 here, as that document lists no 422.
 */
@Singleton
public class ActionsErrorShape implements ErrorShape {

    @Override
    public Object body(HttpStatus status, String message, Map<String, List<String>> fieldErrors) {
        return body(null, status, message, fieldErrors, null);
    }

    @Override
    public Object body(@Nullable HttpRequest<?> request, HttpStatus status, String message,
                       Map<String, List<String>> fieldErrors, @Nullable Throwable cause) {
        Map<String, List<String>> details = cause instanceof InvalidInputException invalid
                && !invalid.fieldErrors().isEmpty() ? invalid.fieldErrors() : fieldErrors;
        String type = type(status, cause);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        error.put("details", details);
        error.put("troubleshooting", troubleshooting(type));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error", error);
        body.put("message", message);
        body.put("errors", details);
        return body;
    }

    @Override
    public HttpStatus invalidInputStatus() {
        return HttpStatus.BAD_REQUEST;
    }

    static String type(HttpStatus status, @Nullable Throwable cause) {
        if (cause instanceof LlmException llm) {
            return switch (llm.kind()) {
                case TIMEOUT -> "timeout";
                case RATE_LIMITED -> "rate_limited";
                case AUTHENTICATION -> "authentication";
                case INVALID_REQUEST -> "validation";
                case NOT_FOUND -> "not_found";
                case UNAVAILABLE -> llm.upstreamStatus() == 0 ? "connection" : "upstream";
            };
        }
        if (cause instanceof UnusableAnswerException) {
            return "invalid_output";
        }
        if (cause instanceof LimitExceededException limit) {
            return limit.quota() ? "quota_exceeded" : "rate_limited";
        }
        return switch (status) {
            case BAD_REQUEST, UNPROCESSABLE_ENTITY -> "validation";
            case UNAUTHORIZED -> "authentication";
            case FORBIDDEN -> "permission";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case TOO_MANY_REQUESTS -> "rate_limited";
            case SERVICE_UNAVAILABLE -> "unavailable";
            case GATEWAY_TIMEOUT -> "timeout";
            case BAD_GATEWAY -> "upstream";
            default -> status.getCode() >= 500 ? "server_error" : "request_error";
        };
    }

    static List<String> troubleshooting(String type) {
        return switch (type) {
            case "validation" -> List.of("Correct the fields named in details and send the request again.");
            case "authentication" -> List.of(
                    "Sign in again, or send a valid bearer token or X-API-Key header.",
                    "If the model's provider refused the call, check the auth_token set with POST /api/v1/llm/config "
                            + "or the provider's API key.");
            case "permission" -> List.of("Ask a team admin for access, or use a credential that has it.");
            case "not_found" -> List.of("Check the id in the URL: list what exists with the matching GET route.",
                    "Ids belong to one team: a token of another team does not see them.");
            case "conflict" -> List.of("Another request changed the same item: read it again and retry.");
            case "payload_too_large" -> List.of("Send a smaller body; texts are limited to 100,000 characters.");
            case "timeout" -> List.of(
                    "The model did not answer in time; this is temporary: try again in a moment.",
                    "Lower max_tokens or shorten the input, so the model has less to do.",
                    "A model that loads on first use (for example on Ollama) may need one call to warm up.");
            case "connection" -> List.of(
                    "The model's server could not be reached: check that it is running.",
                    "Check api_base in GET /api/v1/llm/config (scheme, host and port).",
                    "Private and local addresses are refused unless the operator allows them.");
            case "rate_limited" -> List.of("Wait for the number of seconds in the Retry-After header, then retry.");
            case "quota_exceeded" -> List.of("The budget is spent; raise it or wait for it to reset.");
            case "upstream" -> List.of("The model's provider answered with an error; retry later.",
                    "If it persists, try another model or check the provider's status page.");
            case "invalid_output" -> List.of(
                    "The model did not return the structure asked for, even after being told what was wrong.",
                    "Try again, or choose a more capable model with POST /api/v1/llm/config.");
            case "unavailable" -> List.of("A service the request needs is not available; retry later.");
            default -> List.of("Retry the request; if it keeps failing, contact the operator.");
        };
    }
}
