package dev.athanor.core.http;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.LimitExceededException;
import dev.athanor.model.error.MalformedInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.error.UpstreamException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Maps the domain's exceptions to statuses; bodies follow the surface's error shape. A used-up limit (429) says in
 * {@code Retry-After} how many seconds remain until it frees up.
 */
@Singleton
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    private final ErrorResponses responses;
    private final ErrorShape shape;

    public DomainExceptionHandler(ErrorResponses responses, ErrorShape shape) {
        this.responses = responses;
        this.shape = shape;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        HttpStatus status;
        if (exception instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (exception instanceof ConflictException) {
            status = HttpStatus.CONFLICT;
        } else if (exception instanceof MalformedInputException) {
            status = HttpStatus.BAD_REQUEST;
        } else if (exception instanceof InvalidInputException) {
            status = shape.invalidInputStatus();
        } else if (exception instanceof UnauthorizedException) {
            status = HttpStatus.UNAUTHORIZED;
        } else if (exception instanceof UnavailableException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
        } else if (exception instanceof LimitExceededException) {
            status = HttpStatus.TOO_MANY_REQUESTS;
        } else if (exception instanceof ForbiddenException) {
            status = HttpStatus.FORBIDDEN;
        } else if (exception instanceof UpstreamException) {
            status = HttpStatus.BAD_GATEWAY;
        } else {
            status = HttpStatus.BAD_REQUEST;
        }
        // field errors are already part of the message; passing them again would repeat each one
        MutableHttpResponse<?> response = responses.of(request, status, exception.getMessage(), Map.of(), exception);
        if (exception instanceof LimitExceededException limit) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
        }
        return response;
    }
}
