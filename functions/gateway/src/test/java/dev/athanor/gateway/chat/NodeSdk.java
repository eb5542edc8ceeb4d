package dev.athanor.gateway.chat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs src/test/js/openai-sdk/sdk-contract.mjs, the official OpenAI JS SDK used as its users write it, with node.
 * The folder is copied to target/openai-sdk and its locked packages installed there with {@code npm ci} once, until
 * package-lock.json changes. The script prints one JSON report of what each scenario observed.
 */
final class NodeSdk {

    private static final Path SOURCE = Path.of("src", "test", "js", "openai-sdk");
    private static final Path WORK = Path.of("target", "openai-sdk");
    private static final String SCRIPT = "sdk-contract.mjs";
    private static final long INSTALL_SECONDS = 600;
    private static final long RUN_SECONDS = 180;

    private final JsonMapper json;

    NodeSdk(JsonMapper json) {
        this.json = json;
    }

    /**
     * Runs the scenarios against {@code baseUrl} (ending in /v1) and returns the report; fails with everything the
     * script printed when it exits non-zero (a scenario the SDK threw in) or prints no JSON.
     *
     * @param environment the script's variables: CHAT_MODEL, EMBEDDING_MODEL, EMBEDDING_DIMENSIONS
     */
    JsonNode run(String baseUrl, String apiKey, Map<String, String> environment) throws Exception {
        Path dir = installed();
        Files.copy(SOURCE.resolve(SCRIPT), dir.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT);
        // the gateway is on localhost; a proxy from the environment would stand in between
        builder.environment().keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        builder.environment().putAll(environment);
        builder.environment().put("ATHANOR_BASE_URL", baseUrl);
        builder.environment().put("ATHANOR_API_KEY", apiKey);
        Run run = run(builder, dir, RUN_SECONDS);
        if (run.exitCode != 0) {
            fail("the OpenAI JS SDK failed: " + run);
        }
        try {
            return json.readValue(run.stdout.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            return fail("the script printed no JSON report: " + run, e);
        }
    }

    /** The work folder with node_modules installed from the committed package-lock.json. */
    private static synchronized Path installed() throws Exception {
        requireTool("node");
        requireTool("npm");
        Files.createDirectories(WORK);
        String lock = Files.readString(SOURCE.resolve("package-lock.json"));
        Path stamp = WORK.resolve("node_modules").resolve(".installed-from-lock");
        if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
            return WORK;
        }
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund"), WORK, INSTALL_SECONDS);
        if (install.exitCode != 0) {
            fail("npm ci of the OpenAI JS SDK failed: " + install);
        }
        Files.writeString(stamp, lock);
        return WORK;
    }

    /** Fails (never skips) when node or npm is missing: .ci/run installs both. */
    private static void requireTool(String tool) throws InterruptedException {
        String problem;
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? null : output;
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            fail("The OpenAI JS SDK test needs " + tool + " on the PATH (Debian: apt-get install nodejs npm): "
                    + problem);
        }
    }

    private static Run run(ProcessBuilder builder, Path dir, long seconds) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        try {
            Process process = builder.directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Run run = new Run(String.join(" ", builder.command()), finished ? process.exitValue() : -1,
                    Files.readString(out), Files.readString(err));
            if (!finished) {
                fail("did not finish within " + seconds + " s: " + run);
            }
            return run;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(String command, int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return command + " (exit " + exitCode + ")\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
