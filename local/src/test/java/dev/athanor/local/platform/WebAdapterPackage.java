package dev.athanor.local.platform;

import dev.athanor.local.LocalStack;
import dev.athanor.local.template.CloudFormationTemplate;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A web-adapter function's package (its CodeUri zip) unpacked into a task root and started as the Lambda Web Adapter
 * layer starts it: {@code sh run.sh} with the function's environment and nothing else. The server listens on a free
 * port standing in for the adapter's {@code AWS_LWA_PORT}, where the adapter would send each invocation.
 */
final class WebAdapterPackage implements AutoCloseable {

    private final Process server;
    private final long startedNanos;
    private final Path log;
    private final int port;
    private final String readinessPath;

    private WebAdapterPackage(Process server, Path log, int port, String readinessPath) {
        this.startedNanos = System.nanoTime();
        this.server = server;
        this.log = log;
        this.port = port;
        this.readinessPath = readinessPath;
    }

    /**
     * Unpacks the package of {@code functionId} and runs its {@code run.sh}.
     *
     * @param environment the function's variables; the port, task root, region and PATH are set here as Lambda would
     */
    static WebAdapterPackage start(Path template, String functionId, Map<String, String> environment)
            throws IOException {
        Map<String, Object> properties = CloudFormationTemplate.load(template).properties(functionId);
        Path taskRoot = Files.createTempDirectory("lambda-task");
        Path codeUri = template.getParent().resolve(String.valueOf(properties.get("CodeUri")));
        try (ZipFile zip = new ZipFile(codeUri.toFile())) {
            for (String name : List.of("run.sh", "function.jar")) {
                try (var in = zip.getInputStream(zip.getEntry(name))) {
                    Files.copy(in, taskRoot.resolve(name));
                }
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("MICRONAUT_SERVER_PORT", Integer.toString(port)); // the adapter's port, free here
        variables.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        variables.putIfAbsent("AWS_REGION", LocalStack.REGION);
        variables.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        Path log = taskRoot.resolve("out.log");
        ProcessBuilder builder = new ProcessBuilder("sh", taskRoot.resolve("run.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(variables);
        return new WebAdapterPackage(builder.start(), log, port, variables.get("AWS_LWA_READINESS_CHECK_PATH"));
    }

    /**
     * What a function is given on this machine, as environment variables: its template variables, then the stack's
     * endpoints and {@code settings} (Micronaut property names) under the names Micronaut reads them from.
     */
    static Map<String, String> environment(LocalStack stack, String functionId, Map<String, Object> settings) {
        Map<String, String> variables = new LinkedHashMap<>(stack.functionEnvironment(functionId));
        stack.awsProperties().forEach((name, value) -> variables.put(variable(name), String.valueOf(value)));
        settings.forEach((name, value) -> variables.put(variable(name), String.valueOf(value)));
        return variables;
    }

    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Polls the template's readiness path as the adapter does before its first invocation.
     *
     * @return the last status: 200 once ready, 0 if the server never answered
     */
    int awaitReadiness() throws InterruptedException {
        return awaitReadiness(Duration.ofMillis(100));
    }

    /** As above, trying again every {@code pause} (for 60 s at most). */
    int awaitReadiness(Duration pause) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        int status = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status != 200 && server.isAlive() && System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(url(readinessPath)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                Thread.sleep(pause.toMillis());
            }
        }
        return status;
    }

    /** Milliseconds from the server's start to now. */
    long millisSinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** What the server wrote so far (stdout and stderr), for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }
}
