package dev.athanor.model.factory;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedFilesTest {

    private static final String ANSWER = """
            Here is the code.
            ```dart path=source/lib/main.dart
            void main() {}
            ```
            ```markdown path="docs/notes.md"
            # Notes
            ```
            ```bash path=../../etc/cron.d/evil
            rm -rf /
            ```
            ```dart path=/abs/main.dart
            x
            ```
            ```dart
            no path, not a file
            ```
            LESSON: Keep state in one provider per feature.
            LESSON: Keep state in one provider per feature.
            **VERDICT: FAIL**
            VERDICT: FLAG
            """;

    @Test
    void files_are_read_from_blocks_whose_info_string_names_a_plain_path_under_source_or_docs() {
        Map<String, String> files = GeneratedFiles.files(ANSWER);

        assertEquals(List.of("source/lib/main.dart", "docs/notes.md"), List.copyOf(files.keySet()));
        assertEquals("void main() {}\n", files.get("source/lib/main.dart"));
    }

    @Test
    void the_last_verdict_line_counts_and_an_answer_without_one_passes() {
        assertEquals("flag", GeneratedFiles.verdict(ANSWER));
        assertEquals("fail", GeneratedFiles.verdict("report\nVERDICT: FAIL\n"));
        assertEquals("pass", GeneratedFiles.verdict("[sandbox] 12 words"));
    }

    @Test
    void lessons_are_collected_once_each() {
        assertEquals(List.of("Keep state in one provider per feature."), GeneratedFiles.lessons(ANSWER));
        assertEquals(List.of(), GeneratedFiles.lessons("nothing to learn"));
    }

    @Test
    void paths_must_be_plain_and_under_source_or_docs() {
        for (String ok : List.of("source/lib/main.dart", "docs/ba.md", "source/assets/icon@2x.png")) {
            assertTrue(ArtifactPaths.isAllowed(ok), ok);
        }
        for (String bad : List.of("", "lib/main.dart", "/source/x", "source/../x", "source/./x", "source//x",
                "source\\x", "source/%2e%2e/x", "source/a:b", "docs/", "source/\u0000x", "export/app.zip")) {
            assertFalse(ArtifactPaths.isAllowed(bad), bad);
        }
        assertThrows(InvalidInputException.class, () -> ArtifactPaths.require("../x"));
    }

    @Test
    void a_job_request_gets_the_documented_defaults_and_a_slug_from_its_name() {
        List<String> reviewable = List.of("security", "reviewer");
        JobRequest request = JobRequest.of(Map.of("name", "Café Todo App!", "description", "A todo list",
                "features", List.of("auth", "sync"), "review", List.of("security")), reviewable);

        assertEquals("cafe-todo-app", request.slug());
        assertEquals("android,ios", request.platform());
        assertEquals("auth,sync", request.features());
        assertEquals("true", request.variables(3).get("review_security"));
        assertEquals("false", request.variables(3).get("review_reviewer"));
        assertEquals("3", request.variables(3).get("max_repair_attempts"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JobRequest.of(Map.of("name", 7, "slug", "Bad Slug", "review", List.of("dev")), reviewable));
        assertEquals(java.util.Set.of("description", "name", "review", "slug"), e.fieldErrors().keySet());
    }
}
