package dev.athanor.local.platform;

import dev.athanor.local.template.CloudFormationTemplate;
import dev.athanor.local.template.LocalResources;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;

import dev.athanor.testkit.ColdStart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

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
            "com/amazonaws/services/dynamodbv2/local/", "org/elasticmq/", "org/gaul/s3proxy/", "org/junit/",
            // micronaut-aws-sdk-v2's asynchronous HTTP client: with it, every function started unused async clients
            "io/micronaut/aws/sdk/v2/client/netty/");

    @Test
    void every_function_jar_is_self_contained_and_free_of_local_test_and_unused_code() throws Exception {
        Path template = LocalStackExtension.template();
        var functions = CloudFormationTemplate.load(template).resources(LocalResources.FUNCTION);
        for (var function : functions.entrySet()) {
            if (LocalResources.behindWebAdapter(function.getValue())) {
                continue; // a zip holding the same jar: see the web adapter tests below
            }
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
    void every_function_jar_starts_alone_and_answers_an_event() throws Exception {
        // two JVMs at a time, one a core: each run is timed by nothing but its own exit
        ExecutorService runs = Executors.newFixedThreadPool(2);
        Map<String, Future<ColdStart.Result>> results = new LinkedHashMap<>();
        try {
            for (FunctionProbes.Probe probe : FunctionProbes.of(LocalStackExtension.template()).values()) {
                results.put(probe.function(), runs.submit(() ->
                        ColdStart.run(probe.jar(), probe.handler(), probe.environment(), probe.event())));
            }
            for (var entry : results.entrySet()) {
                ColdStart.Result result = entry.getValue().get();
                assertEquals(0, result.exitCode(), entry.getKey() + ":\n" + result.output());
                assertTrue(result.output().contains("cold_init_ms="), result.output());
                // at 1 the JDK's CompletableFuture starts a thread per async task that names no executor (library
                // code included): the template's JAVA_TOOL_OPTIONS must size the common pool on 1-2 vCPU functions
                Matcher parallelism = Pattern.compile("common_pool_parallelism=(\\d+)").matcher(result.output());
                assertTrue(parallelism.find() && Integer.parseInt(parallelism.group(1)) >= 2,
                        entry.getKey() + ":\n" + result.output());
            }
        } finally {
            runs.shutdownNow();
        }
    }

    @Test
    void every_web_adapter_package_holds_an_executable_run_script_and_the_function_jar() throws Exception {
        Path template = LocalStackExtension.template();
        for (var function : webAdapterFunctions(CloudFormationTemplate.load(template)).entrySet()) {
            Map<String, Object> properties = CloudFormationTemplate.map(function.getValue().get("Properties"));
            assertEquals("run.sh", properties.get("Handler"), function.getKey());
            Path zip = template.getParent().resolve(String.valueOf(properties.get("CodeUri")));
            try (ZipFile file = new ZipFile(zip.toFile())) {
                ZipArchiveEntry run = file.getEntry("run.sh");
                assertNotNull(run, function.getKey() + " lacks run.sh");
                assertEquals(0755, run.getUnixMode() & 0777, "run.sh must be executable in the package");
                assertNotNull(file.getEntry("function.jar"), function.getKey() + " lacks function.jar");
            }
        }
    }

    @Test
    void every_web_adapter_package_starts_its_server_with_its_run_script_and_answers_the_readiness_path()
            throws Exception {
        Path template = LocalStackExtension.template();
        Map<String, Map<String, String>> servers = FunctionProbes.servers(template);
        assertFalse(servers.isEmpty(), "the streaming gateway runs behind the web adapter");
        for (var server : servers.entrySet()) {
            try (WebAdapterPackage started = WebAdapterPackage.start(template, server.getKey(), server.getValue())) {
                assertEquals(200, started.awaitReadiness(), server.getKey() + ":\n" + started.log());
            }
        }
    }

    private static Map<String, Map<String, Object>> webAdapterFunctions(CloudFormationTemplate template) {
        Map<String, Map<String, Object>> functions = new HashMap<>();
        template.resources(LocalResources.FUNCTION).forEach((id, function) -> {
            if (LocalResources.behindWebAdapter(function)) {
                functions.put(id, function);
            }
        });
        assertFalse(functions.isEmpty(), "the streaming gateway runs behind the web adapter");
        return functions;
    }
}
