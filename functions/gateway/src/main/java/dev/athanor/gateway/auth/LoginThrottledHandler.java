package dev.athanor.gateway.auth;

import dev.athanor.core.http.ErrorResponses;
import dev.athanor.model.accounts.LoginThrottledException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** 429 with {@code Retry-After} (seconds) for a login refused while its account or address has to wait. */
@Singleton
class LoginThrottledHandler implements ExceptionHandler<LoginThrottledException, HttpResponse<?>> {

    private final ErrorResponses responses;

    LoginThrottledHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, LoginThrottledException exception) {
        HttpResponse<?> response = responses.of(request, HttpStatus.TOO_MANY_REQUESTS, exception.getMessage(), Map.of());
        if (response instanceof MutableHttpResponse<?> mutable) {
            mutable.header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()));
        }
        return response;
    }
}
