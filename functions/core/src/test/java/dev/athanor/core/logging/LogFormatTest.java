package dev.athanor.core.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The functions' logback.xml as the environment sets it: JSON in Lambda, text by default, LOG_LEVEL honoured. */
class LogFormatTest {

    @Test
    void json_lines_name_the_surface_level_logger_and_message_and_log_level_is_honoured() throws Exception {
        List<String> lines = logged(Map.of("ATHANOR_LOG_FORMAT", "JSON", "LOG_LEVEL", "DEBUG",
                "ATHANOR_SURFACE", "gateway"), context -> {
            context.getLogger("dev.athanor.example").debug("job {} started", "j-1");
            context.getLogger("dev.athanor.example").trace("below the level");
            context.getLogger("org.example.library").info("a library's chatter");
        });

        assertEquals(1, lines.size(), String.join("\n", lines));
        Map<String, Object> line = JsonMapper.createDefault().readValue(lines.get(0),
                Argument.mapOf(String.class, Object.class));
        assertEquals("DEBUG", line.get("level"));
        assertEquals("dev.athanor.example", line.get("loggerName"));
        assertEquals("job j-1 started", line.get("formattedMessage"));
        assertTrue(line.get("timestamp") instanceof Number, line.toString());
        assertEquals("gateway", ((Map<?, ?>) line.get("context")).get("name"));
    }

    @Test
    void people_get_text_at_info_by_default() throws Exception {
        List<String> lines = logged(Map.of(), context -> {
            context.getLogger("dev.athanor.example").info("ready");
            context.getLogger("dev.athanor.example").debug("below the level");
        });

        assertEquals(1, lines.size(), String.join("\n", lines));
        assertFalse(lines.get(0).startsWith("{"), lines.get(0));
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.*] dev\\.athanor\\.example - ready"),
                lines.get(0));
    }

    /** The lines the main logback.xml writes to standard output, configured with these variables. */
    private static List<String> logged(Map<String, String> variables, Consumer<LoggerContext> logging)
            throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        variables.forEach(context::putProperty);
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            logging.accept(context);
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
