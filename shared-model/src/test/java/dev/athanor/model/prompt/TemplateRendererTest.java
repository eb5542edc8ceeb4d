package dev.athanor.model.prompt;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {

    @Test
    void fills_plain_and_spaced_placeholders() {
        RenderedTemplate rendered = TemplateRenderer.render("Hello {{name}}, you are {{  age }}.",
                Map.of("name", "Ada", "age", 36));

        assertEquals("Hello Ada, you are 36.", rendered.text());
        assertTrue(rendered.complete());
    }

    @Test
    void dotted_names_walk_nested_maps() {
        RenderedTemplate rendered = TemplateRenderer.render("{{user.address.city}} / {{ user.name }}",
                Map.of("user", Map.of("name", "Ada", "address", Map.of("city", "London"))));

        assertEquals("London / Ada", rendered.text());
    }

    @Test
    void a_flat_key_with_a_dot_wins_over_the_path() {
        RenderedTemplate rendered = TemplateRenderer.render("{{a.b}}", Map.of("a.b", "flat", "a", Map.of("b", "nested")));

        assertEquals("flat", rendered.text());
    }

    @Test
    void missing_placeholders_stay_as_written_and_are_listed_once_in_order() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("known", "yes");
        values.put("empty", null);
        RenderedTemplate rendered = TemplateRenderer.render(
                "{{ zeta }} {{known}} {{alpha}} {{zeta}} {{empty}} {{user.name}}", values);

        assertEquals("{{ zeta }} yes {{alpha}} {{zeta}} {{empty}} {{user.name}}", rendered.text());
        assertEquals(List.of("zeta", "alpha", "empty", "user.name"), rendered.missing());
    }

    @Test
    void a_path_through_a_non_map_is_missing() {
        RenderedTemplate rendered = TemplateRenderer.render("{{a.b}}", Map.of("a", "text"));

        assertEquals("{{a.b}}", rendered.text());
        assertEquals(List.of("a.b"), rendered.missing());
    }

    @Test
    void values_are_inserted_literally_and_not_rendered_again() {
        RenderedTemplate rendered = TemplateRenderer.render("{{a}} {{b}}", Map.of("a", "{{b}} $1 \\", "b", "x"));

        assertEquals("{{b}} $1 \\ x", rendered.text());
    }

    @Test
    void lists_and_maps_render_as_json() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", "v\"q");
        nested.put("n", 2);
        RenderedTemplate rendered = TemplateRenderer.render("{{list}} {{map}}",
                Map.of("list", List.of("a", 1, true), "map", nested));

        assertEquals("[\"a\",1,true] {\"k\":\"v\\\"q\",\"n\":2}", rendered.text());
    }

    @Test
    void text_that_is_not_a_placeholder_is_untouched() {
        String template = "{ {x}} {{}} {{1abc}} {{ a b }} {x}";

        RenderedTemplate rendered = TemplateRenderer.render(template, Map.of("x", "1"));

        assertEquals(template, rendered.text());
        assertTrue(rendered.missing().isEmpty());
    }

    @Test
    void variables_lists_each_name_once() {
        assertEquals(List.of("a", "b.c"), TemplateRenderer.variables("{{a}} {{ b.c }} {{a}}"));
    }
}
