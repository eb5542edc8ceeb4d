package dev.athanor.core.http;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @Test
    void no_limit_is_the_default_page_and_an_empty_cursor_is_no_cursor() {
        assertEquals(new PageRequest(50, null), Paging.request(null, null));
        assertEquals(new PageRequest(50, null), Paging.request("", ""));
        assertEquals(new PageRequest(20, "abc"), Paging.request(null, "abc", 20, 500));
    }

    @Test
    void a_limit_is_a_whole_number_from_1_to_the_maximum() {
        assertEquals(1, Paging.request("1", null).limit());
        assertEquals(200, Paging.request("200", null).limit());
        assertEquals(500, Paging.request("500", null, 50, 500).limit());
        for (String limit : Arrays.asList("0", "201", "-1", "abc", "2.5", "1e2", "0x10", " ")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> Paging.request(limit, null), limit);
            assertEquals("limit must be a whole number from 1 to 200", refused.getMessage());
            assertEquals(Map.of("limit", List.of("must be a whole number from 1 to 200")), refused.fieldErrors());
        }
    }

    @Test
    void a_page_with_a_next_cursor_names_it_in_both_headers_keeping_the_other_parameters() {
        HttpRequest<?> request = HttpRequest.GET("/api/jobs?limit=5&cursor=old&q=a%20b%26c");

        MutableHttpResponse<List<String>> response = Paging.ok(request, new Page<>(List.of("a", "b"), "abc.def-_"));

        assertEquals(List.of("a", "b"), response.body());
        assertEquals("abc.def-_", response.header(Paging.NEXT_CURSOR));
        assertEquals("<?limit=5&q=a%20b%26c&cursor=abc.def-_>; rel=\"next\"", response.header("Link"));
    }

    @Test
    void the_last_page_has_neither_header() {
        MutableHttpResponse<List<String>> response = Paging.ok(HttpRequest.GET("/api/jobs"), Page.last(List.of()));

        assertEquals(List.of(), response.body());
        assertNull(response.header(Paging.NEXT_CURSOR));
        assertNull(response.header("Link"));
    }
}
