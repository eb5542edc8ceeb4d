package dev.athanor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link ColdStartProbe} in a separate JVM against a function jar, with a Lambda-like environment. */
public final class ColdStart {

    public record Result(int exitCode, String output) {
    }

    private ColdStart() {
    }

    public static Result run(Path functionJar, String handler, Map<String, String> environment, String... probeArgs) {
        try {
            Path probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path stackClasses = Path.of(dev.athanor.local.LocalLambdaContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-cp", functionJar + java.io.File.pathSeparator + probeClasses + java.io.File.pathSeparator + stackClasses,
                    ColdStartProbe.class.getName(), handler));
            command.addAll(List.of(probeArgs));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().put("AWS_REGION", "us-east-1");
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
