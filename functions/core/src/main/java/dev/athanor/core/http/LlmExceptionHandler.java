package dev.athanor.core.http;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * A model call that failed after the router gave up. A request the vendor refused as invalid is the caller's to
 * fix (400); every other failure is the upstream's (502, as the gateway seed documents).
 */
@Singleton
public class LlmExceptionHandler implements ExceptionHandler<LlmException, HttpResponse<?>> {

    private final ErrorResponses responses;

    public LlmExceptionHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, LlmException exception) {
        if (exception.kind() == LlmErrorKind.INVALID_REQUEST) {
            return responses.of(request, HttpStatus.BAD_REQUEST, exception.getMessage(), Map.of(), exception);
        }
        return responses.of(request, HttpStatus.BAD_GATEWAY, upstreamMessage(exception), Map.of());
    }

    public static String upstreamMessage(LlmException exception) {
        String provider = exception.providerId() == null ? "" : " (" + exception.providerId() + ")";
        return "Upstream provider error" + provider + ": " + exception.getMessage();
    }
}
