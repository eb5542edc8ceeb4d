package dev.athanor.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads every page of a paged list route as a client does: the first page without a cursor, then each next one with
 * the {@code X-Next-Cursor} of the page before, until a page has none. Checks on the way that every page answers
 * 200, holds at most {@code limit} items, and that its {@code Link: <...>; rel="next"} header carries the same cursor
 * (and only when there is one).
 */
public final class PageWalk {

    private static final Pattern LINK = Pattern.compile("<\\?(.*)>; rel=\"next\"");
    private static final int MAX_PAGES = 1000;

    private PageWalk() {
    }

    /**
     * @param page  sends the request for one page: the cursor is null for the first page
     * @param items the items of a page's body
     * @return the responses, one per page, in order
     */
    public static List<LambdaHttp.Response> walk(Function<String, LambdaHttp.Response> page, int limit,
                                                 Function<LambdaHttp.Response, List<Map<String, Object>>> items) {
        List<LambdaHttp.Response> pages = new ArrayList<>();
        String cursor = null;
        do {
            if (pages.size() == MAX_PAGES) {
                fail("more than " + MAX_PAGES + " pages: the cursor does not move on");
            }
            LambdaHttp.Response response = page.apply(cursor);
            assertEquals(200, response.status(), response.body());
            assertTrue(items.apply(response).size() <= limit, "a page of more than " + limit + ": " + response.body());
            cursor = response.header("X-Next-Cursor");
            String link = response.header("Link");
            if (cursor == null) {
                assertNull(link, "a Link to a next page that the cursor header does not name");
            } else {
                assertNotNull(link, "X-Next-Cursor without a Link header");
                assertEquals(cursor, linkedCursor(link), link);
            }
            pages.add(response);
        } while (cursor != null);
        return pages;
    }

    /** {@link #walk} of a route whose body is the list itself. */
    public static List<LambdaHttp.Response> walk(Function<String, LambdaHttp.Response> page, int limit) {
        return walk(page, limit, LambdaHttp.Response::list);
    }

    /** The items of every page, in order. */
    public static List<Map<String, Object>> items(List<LambdaHttp.Response> pages,
                                                  Function<LambdaHttp.Response, List<Map<String, Object>>> items) {
        return pages.stream().flatMap(response -> items.apply(response).stream()).toList();
    }

    public static List<Map<String, Object>> items(List<LambdaHttp.Response> pages) {
        return items(pages, LambdaHttp.Response::list);
    }

    /** The {@code cursor} parameter of a {@code Link} header's next-page query. */
    public static String linkedCursor(String link) {
        Matcher matcher = LINK.matcher(link);
        assertTrue(matcher.matches(), "not a relative next-page link: " + link);
        for (String pair : matcher.group(1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals("cursor")) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return fail("no cursor in " + link);
    }
}
