package dev.athanor.local.platform;

import dev.athanor.local.template.CloudFormationTemplate;
import dev.athanor.local.template.LocalResources;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions of template.yaml whose jar Lambda invokes directly (not behind the web adapter), each with what it
 * takes to start one alone as Lambda does: its jar, handler, environment, and the event {@code ColdStartProbe} sends
 * it (an HTTP function is asked for its API document, a WebSocket function for a {@code $connect}, a queue consumer
 * gets an SQS record).
 */
final class FunctionProbes {

    record Probe(String function, Path jar, String handler, Map<String, String> environment, String[] event) {

        /** Its environment with {@code options} added to JAVA_TOOL_OPTIONS (and {@code extra} variables). */
        Map<String, String> environment(String options, Map<String, String> extra) {
            Map<String, String> variables = new LinkedHashMap<>(environment);
            variables.merge("JAVA_TOOL_OPTIONS", options, (a, b) -> a + " " + b);
            variables.putAll(extra);
            return variables;
        }

        /** The same function started from another build of its jar. */
        Probe withJar(Path other) {
            return new Probe(function, other, handler, environment, event);
        }
    }

    private FunctionProbes() {
    }

    /** Every such function of the template, in its order, by logical id. */
    static Map<String, Probe> of(Path template) {
        CloudFormationTemplate parsed = CloudFormationTemplate.load(template);
        LocalResources resources = resources(parsed);
        Set<String> sockets = socketFunctions(parsed);
        Map<String, Probe> functions = new LinkedHashMap<>();
        parsed.resources(LocalResources.FUNCTION).forEach((id, function) -> {
            if (LocalResources.behindWebAdapter(function)) {
                return;
            }
            Map<String, Object> properties = CloudFormationTemplate.map(function.get("Properties"));
            Map<String, String> environment = environment(resources, id);
            String[] event = CloudFormationTemplate.map(function.get("Metadata")).containsKey("LocalPort")
                    ? new String[] {"http", "/openapi.json"}
                    : sockets.contains(id) ? new String[] {"websocket"} : new String[] {"sqs"};
            functions.put(id, new Probe(id, template.getParent().resolve(String.valueOf(properties.get("CodeUri"))),
                    String.valueOf(properties.get("Handler")), environment, event));
        });
        return functions;
    }

    /** The functions behind the Lambda Web Adapter (their package's run.sh starts a server), with their environment. */
    static Map<String, Map<String, String>> servers(Path template) {
        CloudFormationTemplate parsed = CloudFormationTemplate.load(template);
        LocalResources resources = resources(parsed);
        Map<String, Map<String, String>> servers = new LinkedHashMap<>();
        parsed.resources(LocalResources.FUNCTION).forEach((id, function) -> {
            if (LocalResources.behindWebAdapter(function)) {
                servers.put(id, environment(resources, id));
            }
        });
        return servers;
    }

    private static LocalResources resources(CloudFormationTemplate parsed) {
        return new LocalResources(parsed, Map.of("Stage", "probe"), "us-east-1", "000000000000",
                URI.create("http://localhost:9324"));
    }

    private static Map<String, String> environment(LocalResources resources, String function) {
        Map<String, String> environment = new HashMap<>(resources.environment(function));
        // stands in for reading the secret the template names; a function not given one must start without it
        if (environment.remove("ATHANOR_AUTH_JWT_SECRET_ARN") != null) {
            environment.put("ATHANOR_AUTH_JWT_SECRET", "probe-signing-key-of-at-least-thirty-two-bytes");
        }
        return environment;
    }

    /** The functions a WebSocket API's integration invokes (its IntegrationUri names their Arn). */
    private static Set<String> socketFunctions(CloudFormationTemplate template) {
        Set<String> functions = new TreeSet<>();
        template.resources().forEach((id, resource) -> {
            if ("AWS::ApiGatewayV2::Integration".equals(resource.get("Type"))) {
                String uri = String.valueOf(CloudFormationTemplate.map(resource.get("Properties")).get("IntegrationUri"));
                template.resources(LocalResources.FUNCTION).keySet().stream()
                        .filter(function -> uri.contains("${" + function + ".Arn}")).forEach(functions::add);
            }
        });
        return functions;
    }
}
