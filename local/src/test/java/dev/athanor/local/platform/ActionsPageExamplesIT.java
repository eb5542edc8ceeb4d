package dev.athanor.local.platform;

import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actions surface's page ({@code docs/actions.md}) gives a curl example for each route: they run here in
 * {@code bash} with the real {@code curl}, in the page's order, as a reader would paste them, against the platform as
 * the README's first command starts it (data kept in a directory, requests without credentials acting as team
 * {@code default}, no vendor configured, so the offline sandbox answers). Only the port is changed. A {@code .curlrc}
 * makes curl write the status code to stderr, so the commands stay as written.
 */
class ActionsPageExamplesIT {

    private static final long RUN_SECONDS = 60;

    @TempDir
    static Path root;

    private static LocalPlatform platform;
    private static JsonMapper json;

    @BeforeAll
    static void start() throws Exception {
        platform = Main.platform(LocalStackExtension.template(), root.resolve(".athanor"), "it-admin-key", port -> -1,
                Map.of());
        json = platform.surface("actions").context().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void the_actions_pages_curl_examples_run_as_written_without_a_token() throws Exception {
        String actions = platform.surface("actions").url();
        List<String> commands = bashCommands(Files.readString(Path.of("..", "docs", "actions.md")));
        assertEquals(19, commands.size(), String.join("\n", commands));
        Path curlHome = Files.createDirectories(root.resolve("curl-home-actions"));
        Files.writeString(curlHome.resolve(".curlrc"), "silent\nshow-error\nwrite-out = \"%{stderr}%{http_code}\"\n");
        Map<String, ExampleRuns.Run> runs = new LinkedHashMap<>();
        for (String command : commands) {
            assertTrue(command.contains("localhost:8002/"), command);
            ExampleRuns.Run run = ExampleRuns.run(List.of("bash", "-c", command.replace("localhost:8002", actions)),
                    root, Map.of("CURL_HOME", curlHome.toString()), RUN_SECONDS);
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.stderr().strip().matches("20[01]"), run.toString());
            runs.put(command, run);
        }
        List<ExampleRuns.Run> all = new ArrayList<>(runs.values());
        assertEquals("Template settings saved successfully", map(all.get(0).stdout()).get("message"));
        assertEquals(1, ((Number) ((Map<?, ?>) map(all.get(2).stdout()).get("action")).get("id")).intValue());
        Map<String, Object> run = map(all.get(6).stdout());
        assertTrue(((String) run.get("result")).contains("Write a catchy blog title about Highland castles"),
                run.toString());
        assertEquals(1, ((List<?>) map(all.get(7).stdout()).get("history")).size());
        assertEquals(Map.of("status", "success"), map(all.get(8).stdout()));
        assertEquals(Map.of("success", true), map(all.get(10).stdout()));
        assertTrue(((String) map(all.get(11).stdout()).get("result")).contains("Castles guard the glens."));
        assertEquals(Set.of("title", "outline", "keywords"), map(all.get(14).stdout()).keySet());
        assertEquals(Set.of("blog", "linkedin"),
                ((Map<?, ?>) map(all.get(15).stdout()).get("social_media_snippets")).keySet());
        assertTrue(map(all.get(16).stdout()).containsKey("suggestions"));
        assertEquals(Set.of("tiktok", "instagram"), map(all.get(17).stdout()).keySet());
        List<?> tests = json.readValue(all.get(18).stdout(), Argument.listOf(Object.class));
        assertEquals(1, tests.size(), all.get(18).toString());
    }

    /** The commands of a page's {@code bash} code blocks, continuation lines joined. */
    private static List<String> bashCommands(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher blocks = Pattern.compile("```bash\n(.*?)```",
                Pattern.DOTALL).matcher(markdown);
        while (blocks.find()) {
            StringBuilder command = new StringBuilder();
            for (String line : blocks.group(1).split("\n")) {
                if (line.endsWith("\\")) {
                    command.append(line, 0, line.length() - 1);
                } else {
                    commands.add(command.append(line).toString());
                    command.setLength(0);
                }
            }
        }
        return commands;
    }


    private static Map<String, Object> map(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("Not a JSON object: " + body, e);
        }
    }
}
