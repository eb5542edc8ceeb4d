package dev.athanor.gateway.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.net.InetSocketAddress;

/**
 * The address a request came from, for login throttling. Behind API Gateway it is the event's
 * {@code requestContext.identity.sourceIp}, which API Gateway sets from the connection (micronaut-function-aws does
 * not map it to the request's remote address); on Netty it is the connection's peer. {@code X-Forwarded-For} is never
 * read: any client can write it, and a throttle keyed on it would be escaped by changing it.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event) {
            var context = event.getRequestContext();
            String source = context == null || context.getIdentity() == null ? null
                    : context.getIdentity().getSourceIp();
            return source == null || source.isBlank() ? null : source;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
