package dev.athanor.model.projects;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectRulesTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant NOW = Instant.parse("2026-02-03T04:05:06Z");

    private static ProjectDraft named(String name) {
        return new ProjectDraft(null, name, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void slug_is_derived_from_the_name_in_lower_case_words_joined_by_dashes() {
        assertEquals("flutter-todo-app", ProjectRules.slugify("Flutter Todo App"));
        assertEquals("ung-dung-ghi-chu", ProjectRules.slugify("  Ứng dụng ghi chú! "));
        assertEquals("cafe-2-go", ProjectRules.slugify("Café -- 2 Go"));
        assertEquals("", ProjectRules.slugify("📱 ✨"));
        String derived = ProjectRules.slugify("a".repeat(63) + " bcd");
        assertEquals("a".repeat(63), derived);
    }

    @Test
    void a_draft_with_only_a_name_gets_the_defaults() {
        Project project = ProjectRules.build(named("Flutter Todo App"), null, CREATED, NOW);

        assertEquals("flutter-todo-app", project.slug());
        assertEquals("discovery", project.status());
        assertEquals("healthy", project.health());
        assertEquals("📱", project.icon());
        assertEquals("", project.repository());
        assertEquals("", project.description());
        assertEquals(BigDecimal.ZERO, project.monthlySpend());
        assertEquals("100%", project.sla());
        assertEquals(0, project.buildProgress());
        assertEquals(List.of(), project.features());
        assertEquals(CREATED, project.createdAt());
        assertEquals(NOW, project.updatedAt());
    }

    @Test
    void given_fields_are_kept_with_status_in_lower_case_and_spend_in_cents() {
        Project project = ProjectRules.build(new ProjectDraft("todo", "Todo", "Lists", " Production ", "warning", "✅",
                "https://git.example.com/todo.git", new BigDecimal("12.345"), "99.9%", 40,
                List.of(" auth ", "notifications")), null, CREATED, NOW);

        assertEquals("todo", project.slug());
        assertEquals("production", project.status());
        assertEquals(new BigDecimal("12.35"), project.monthlySpend());
        assertEquals(List.of("auth", "notifications"), project.features());
        assertEquals(40, project.buildProgress());
    }

    @Test
    void every_invalid_field_is_named_in_one_error() {
        ProjectDraft draft = new ProjectDraft("Not A Slug", "", "x".repeat(5001), "done", null, null, null,
                new BigDecimal("-1"), null, 101, List.of("ok", ""));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProjectRules.build(draft, null, CREATED, NOW));

        assertEquals(List.of("build_progress", "description", "features", "monthly_spend", "name", "slug", "status"),
                e.fieldErrors().keySet().stream().sorted().toList());
        assertTrue(e.getMessage().startsWith("Invalid project: build_progress must be between 0 and 100"),
                e.getMessage());
    }

    @Test
    void a_name_without_letters_or_digits_needs_an_explicit_slug() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProjectRules.build(named("📱"), null, CREATED, NOW));
        assertEquals(List.of("slug"), List.copyOf(e.fieldErrors().keySet()));

        ProjectDraft withSlug = new ProjectDraft("phone", "📱", null, null, null, null, null, null, null, null, null);
        assertEquals("phone", ProjectRules.build(withSlug, null, CREATED, NOW).slug());
    }

    @Test
    void the_slug_of_a_put_comes_from_the_url_and_the_body_may_only_repeat_it() {
        ProjectDraft same = new ProjectDraft("todo", "Todo", null, null, null, null, null, null, null, null, null);
        assertEquals("todo", ProjectRules.build(same, "todo", CREATED, NOW).slug());
        assertEquals("todo", ProjectRules.build(named("Another Name"), "todo", CREATED, NOW).slug());

        InvalidInputException mismatch = assertThrows(InvalidInputException.class,
                () -> ProjectRules.build(same, "other", CREATED, NOW));
        assertTrue(mismatch.fieldErrors().containsKey("slug"));
        InvalidInputException badPath = assertThrows(InvalidInputException.class,
                () -> ProjectRules.build(named("Todo"), "Bad_Slug", CREATED, NOW));
        assertTrue(badPath.fieldErrors().containsKey("slug"));
    }

    @Test
    void too_many_features_are_refused() {
        ProjectDraft draft = new ProjectDraft(null, "Todo", null, null, null, null, null, null, null, null,
                Collections.nCopies(ProjectRules.MAX_FEATURES + 1, "f"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProjectRules.build(draft, null, CREATED, NOW));
        assertEquals(List.of("features"), List.copyOf(e.fieldErrors().keySet()));
    }
}
