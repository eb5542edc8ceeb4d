package dev.athanor.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.athanor.local.LocalLambdaContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Calls a surface through its real Lambda handler class with API Gateway (payload 1.0) events. */
public final class LambdaHttp implements AutoCloseable {

    private final ApplicationContext context;
    private final ApiGatewayProxyRequestEventFunction handler;
    private final JsonMapper json;
    private final String functionName;

    public LambdaHttp(ApplicationContext context, String functionName) {
        this.context = context;
        this.handler = new ApiGatewayProxyRequestEventFunction(context);
        this.json = context.getBean(JsonMapper.class);
        this.functionName = functionName;
    }

    /** The handler of a template function (e.g. {@code FactoryFunction}) on the embedded stack; closing stops both. */
    public static LambdaHttp start(String functionId) {
        return start(functionId, Map.of());
    }

    public static LambdaHttp start(String functionId, Map<String, Object> overrides) {
        return new LambdaHttp(TestFunctions.start(functionId, overrides), functionId);
    }

    public ApplicationContext context() {
        return context;
    }

    public Response send(ApiGatewayEvents request) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request.build(), new LocalLambdaContext(functionName));
        return new Response(response.getStatusCode(), response.getBody(), response.getHeaders(), json,
                Boolean.TRUE.equals(response.getIsBase64Encoded()), response.getMultiValueHeaders());
    }

    /** @param multiValueHeaders every value of each header, as API Gateway merges them into the HTTP response */
    public record Response(int status, String body, Map<String, String> headers, JsonMapper json, boolean base64,
                           Map<String, List<String>> multiValueHeaders) {

        /** The body's bytes: decoded when API Gateway would receive it base64-encoded (binary media types). */
        public byte[] bytes() {
            return base64 ? java.util.Base64.getDecoder().decode(body)
                    : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            try {
                return json.readValue(body, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON object: " + body, e);
            }
        }

        /** The body as a JSON array of objects. */
        public List<Map<String, Object>> list() {
            try {
                return json.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON array: " + body, e);
            }
        }

        public Object get(String field) {
            return map().get(field);
        }

        /** Every value of a header: those of {@link #multiValueHeaders}, else the single one. */
        public List<String> headerValues(String name) {
            if (multiValueHeaders != null) {
                for (Map.Entry<String, List<String>> header : multiValueHeaders.entrySet()) {
                    if (header.getKey().equalsIgnoreCase(name)) {
                        return header.getValue();
                    }
                }
            }
            String single = header(name);
            return single == null ? List.of() : List.of(single);
        }

        public String header(String name) {
            return headers == null ? null : headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    @Override
    public void close() {
        handler.close();
        context.close();
    }
}
