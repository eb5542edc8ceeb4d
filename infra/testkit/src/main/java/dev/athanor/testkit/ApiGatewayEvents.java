package dev.athanor.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API Gateway REST API (payload 1.0) proxy events, as the gateway sends them to a function. */
public final class ApiGatewayEvents {

    private final APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();

    private ApiGatewayEvents(String method, String path) {
        event.setHttpMethod(method);
        event.setPath(path);
        event.setResource("/{proxy+}");
        event.setPathParameters(Map.of("proxy", path.startsWith("/") ? path.substring(1) : path));
        event.setIsBase64Encoded(false);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId(UUID.randomUUID().toString());
        context.setHttpMethod(method);
        context.setPath("/test" + path);
        context.setResourcePath("/{proxy+}");
        context.setStage("test");
        context.setAccountId("000000000000");
        context.setApiId("testapi");
        context.setProtocol("HTTP/1.1");
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp("127.0.0.1");
        identity.setUserAgent("athanor-test");
        context.setIdentity(identity);
        event.setRequestContext(context);
        headers.put("Host", "testapi.execute-api.us-east-1.amazonaws.com");
        headers.put("Accept", "application/json");
    }

    public static ApiGatewayEvents request(String method, String path) {
        return new ApiGatewayEvents(method, path);
    }

    public ApiGatewayEvents header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The client address API Gateway saw ({@code requestContext.identity.sourceIp}); 127.0.0.1 unless set. */
    public ApiGatewayEvents sourceIp(String address) {
        event.getRequestContext().getIdentity().setSourceIp(address);
        return this;
    }

    public ApiGatewayEvents bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public ApiGatewayEvents json(String body) {
        headers.put("Content-Type", "application/json");
        event.setBody(body);
        return this;
    }

    /** A body of raw bytes, base64-encoded in the event as API Gateway sends binary bodies. */
    public ApiGatewayEvents bytes(String contentType, byte[] body) {
        headers.put("Content-Type", contentType);
        event.setBody(java.util.Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return this;
    }

    /** Adds a query string parameter, given decoded as API Gateway passes them. */
    public ApiGatewayEvents query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public APIGatewayProxyRequestEvent build() {
        event.setHeaders(new LinkedHashMap<>(headers));
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        event.setMultiValueHeaders(multi);
        if (!query.isEmpty()) {
            event.setQueryStringParameters(new LinkedHashMap<>(query));
            Map<String, List<String>> multiQuery = new LinkedHashMap<>();
            query.forEach((k, v) -> multiQuery.put(k, List.of(v)));
            event.setMultiValueQueryStringParameters(multiQuery);
        }
        return event;
    }
}
