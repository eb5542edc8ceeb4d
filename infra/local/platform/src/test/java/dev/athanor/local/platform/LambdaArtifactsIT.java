package dev.athanor.local.platform;

import dev.athanor.local.template.CloudFormationTemplate;
import dev.athanor.local.template.LocalResources;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;

import dev.athanor.testkit.ColdStart;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each function's Lambda jar (its CodeUri) holds its handler and API document, nothing local or test-only, and starts
 * on its own: run in a fresh JVM with only that jar, configured by its template environment, it answers an event.
 */
class LambdaArtifactsIT {

    private static final List<String> FORBIDDEN = List.of("dev/athanor/local/", "dev/athanor/testkit/",
            "com/amazonaws/services/dynamodbv2/local/", "org/elasticmq/", "org/gaul/s3proxy/", "org/junit/");

    @Test
    void every_function_jar_is_self_contained_and_free_of_local_and_test_code() throws Exception {
        Path template = LocalStackExtension.template();
        var functions = CloudFormationTemplate.load(template).resources(LocalResources.FUNCTION);
        for (var function : functions.entrySet()) {
            Map<String, Object> properties = CloudFormationTemplate.map(function.getValue().get("Properties"));
            Path jar = template.getParent().resolve(String.valueOf(properties.get("CodeUri")));
            assertTrue(Files.exists(jar), function.getKey() + ": " + jar + " not built");
            try (JarFile file = new JarFile(jar.toFile())) {
                String handler = String.valueOf(properties.get("Handler")).replace('.', '/') + ".class";
                assertNotNull(file.getEntry(handler), function.getKey() + " lacks " + handler);
                file.stream().forEach(entry -> FORBIDDEN.forEach(prefix ->
                        assertFalse(entry.getName().startsWith(prefix), function.getKey() + " contains " + entry.getName())));
                Object surface = CloudFormationTemplate.map(CloudFormationTemplate.map(properties.get("Environment")).get("Variables")).get("ATHANOR_SURFACE");
                if (CloudFormationTemplate.map(function.getValue().get("Metadata")).containsKey("LocalPort")) {
                    assertNotNull(file.getEntry("META-INF/swagger/" + surface + "/openapi.json"), function.getKey() + " lacks its API document");
                }
            }
        }
    }

    @Test
    void every_function_jar_starts_alone_and_answers_an_event() {
        Path template = LocalStackExtension.template();
        CloudFormationTemplate parsed = CloudFormationTemplate.load(template);
        LocalResources resources = new LocalResources(parsed, Map.of("Stage", "probe"), "us-east-1", "000000000000",
                URI.create("http://localhost:9324"));
        for (var function : parsed.resources(LocalResources.FUNCTION).entrySet()) {
            Map<String, Object> properties = CloudFormationTemplate.map(function.getValue().get("Properties"));
            Map<String, String> environment = new HashMap<>(resources.environment(function.getKey()));
            // stands in for reading the secret the template names; a function not given one must start without it
            if (environment.remove("ATHANOR_AUTH_JWT_SECRET_ARN") != null) {
                environment.put("ATHANOR_AUTH_JWT_SECRET", "probe-signing-key-of-at-least-thirty-two-bytes");
            }
            String[] probe = CloudFormationTemplate.map(function.getValue().get("Metadata")).containsKey("LocalPort")
                    ? new String[] {"http", "/openapi.json"} : new String[] {"sqs"};
            ColdStart.Result result = ColdStart.run(template.getParent().resolve(String.valueOf(properties.get("CodeUri"))),
                    String.valueOf(properties.get("Handler")), environment, probe);
            assertEquals(0, result.exitCode(), function.getKey() + ":\n" + result.output());
            assertTrue(result.output().contains("cold_init_ms="), result.output());
        }
    }
}
