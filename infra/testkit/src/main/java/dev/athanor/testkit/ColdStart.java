package dev.athanor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Runs {@link ColdStartProbe} in a separate JVM against a function jar, with a Lambda-like environment. */
public final class ColdStart {

    public record Result(int exitCode, String output) {
    }

    private static String probeClasspath;

    private ColdStart() {
    }

    /**
     * The probe's classes and the local Lambda context it hands the handler, as jars: a class-data sharing archive
     * (AppCDS, which the cold-start benchmark weighs) accepts only jars on the class path, and a Lambda package holds
     * nothing else.
     */
    private static synchronized String probeClasspath() throws IOException, URISyntaxException {
        if (probeClasspath == null) {
            List<String> jars = new ArrayList<>();
            for (Class<?> type : List.of(ColdStartProbe.class, dev.athanor.local.LocalLambdaContext.class)) {
                Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                jars.add(Files.isDirectory(source) ? jarOf(source).toString() : source.toString());
            }
            probeClasspath = String.join(java.io.File.pathSeparator, jars);
        }
        return probeClasspath;
    }

    private static Path jarOf(Path classes) throws IOException {
        Path jar = Files.createTempFile("athanor-probe-", ".jar");
        jar.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    public static Result run(Path functionJar, String handler, Map<String, String> environment, String... probeArgs) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-cp", functionJar + java.io.File.pathSeparator + probeClasspath(),
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
