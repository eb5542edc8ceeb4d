package dev.athanor.actions.http;

import dev.athanor.core.http.ErrorResponses;
import dev.athanor.core.http.LlmExceptionHandler;
import dev.athanor.model.llm.LlmException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * A model call that failed, with the status its error type calls for: a model that did not answer in time is 504, a
 * vendor's rate limit 429 (with its Retry-After when it gave one), a request the vendor refused as invalid 400, any
 * other failure of the model's server 502.
 */
@Singleton
@Replaces(LlmExceptionHandler.class)
public class ActionsLlmExceptionHandler implements ExceptionHandler<LlmException, HttpResponse<?>> {

    private final ErrorResponses responses;

    ActionsLlmExceptionHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, LlmException exception) {
        HttpStatus status = switch (exception.kind()) {
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.BAD_GATEWAY;
        };
        String message = status == HttpStatus.BAD_GATEWAY || status == HttpStatus.TOO_MANY_REQUESTS
                ? LlmExceptionHandler.upstreamMessage(exception) : exception.getMessage();
        MutableHttpResponse<?> response = responses.of(request, status, message, Map.of(), exception);
        exception.retryAfter().ifPresent(wait ->
                response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds()))));
        return response;
    }
}
