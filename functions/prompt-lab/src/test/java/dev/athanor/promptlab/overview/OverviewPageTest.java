package dev.athanor.promptlab.overview;

import dev.athanor.promptlab.overview.ApiOverview.Group;
import dev.athanor.promptlab.overview.ApiOverview.Links;
import dev.athanor.promptlab.overview.ApiOverview.Overview;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverviewPageTest {

    @Test
    void text_from_the_document_is_escaped_on_the_page() {
        String page = OverviewPage.html(new Overview("A <b>lab</b>", "1 & 2", "Prompts' \"home\"",
                List.of(new Group("<script>alert(1)</script>", "x < y")), Links.SERVED));

        assertTrue(page.contains("<h1>A &lt;b&gt;lab&lt;/b&gt;</h1>"), page);
        assertTrue(page.contains("version 1 &amp; 2"), page);
        assertTrue(page.contains("<p>Prompts&#39; &quot;home&quot;</p>"), page);
        assertTrue(page.contains("<dt>&lt;script&gt;alert(1)&lt;/script&gt;</dt><dd>x &lt; y</dd>"), page);
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("<a href=\"/openapi.json\">"), page);
    }

    @Test
    void html_is_chosen_only_when_asked_for_and_not_ranked_below_json() {
        assertTrue(OverviewController.prefersHtml(accept("text/html")));
        assertTrue(OverviewController.prefersHtml(accept("text/html", "application/xhtml+xml", "*/*;q=0.8")));
        assertTrue(OverviewController.prefersHtml(accept("application/json;q=0.5", "text/html")));
        assertFalse(OverviewController.prefersHtml(accept()));
        assertFalse(OverviewController.prefersHtml(accept("*/*")));
        assertFalse(OverviewController.prefersHtml(accept("application/json", "text/html;q=0.9")));
        assertFalse(OverviewController.prefersHtml(accept("text/html;q=0")));
    }

    private static List<MediaType> accept(String... types) {
        return java.util.Arrays.stream(types).map(MediaType::of).toList();
    }
}
