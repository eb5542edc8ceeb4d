package dev.athanor.actions.http;

import dev.athanor.actions.content.UnusableAnswerException;
import dev.athanor.core.http.ErrorResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** A model that did not give the structure asked for, twice: the upstream's failure (502 {@code invalid_output}). */
@Singleton
public class UnusableAnswerHandler implements ExceptionHandler<UnusableAnswerException, HttpResponse<?>> {

    private final ErrorResponses responses;

    UnusableAnswerHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnusableAnswerException exception) {
        return responses.of(request, HttpStatus.BAD_GATEWAY, exception.getMessage(), Map.of(), exception);
    }
}
