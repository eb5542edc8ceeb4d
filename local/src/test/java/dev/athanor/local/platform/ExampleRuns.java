package dev.athanor.local.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the API documents' client examples as separate processes (python3, node, bash with curl), as a user would. */
final class ExampleRuns {

    private ExampleRuns() {
    }

    /** One command's run: its exit code and what it printed. */
    record Run(String command, int exitCode, String stdout, String stderr) {

        List<String> lines() {
            assertEquals(0, exitCode, "exit code of " + this);
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return command + " (exit " + exitCode + ")\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} in {@code dir}; fails when it has not finished within {@code seconds}. */
    static Run run(List<String> command, Path dir, Map<String, String> environment, long seconds) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // the examples talk to localhost only; a proxy from the environment would stand in between
        builder.environment().keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Run run = new Run(String.join(" ", command), finished ? process.exitValue() : -1,
                Files.readString(out), Files.readString(err));
        if (!finished) {
            fail("did not finish within " + seconds + " s: " + run);
        }
        return run;
    }

    /** Fails (never skips) when a tool the examples need is missing: every build machine has them. */
    static void requireTool(String what, String... probe) throws InterruptedException {
        String problem;
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? null
                    : "'" + String.join(" ", probe) + "' failed: " + output;
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            fail("The API documents' examples need " + what + " on the PATH: " + problem);
        }
    }
}
