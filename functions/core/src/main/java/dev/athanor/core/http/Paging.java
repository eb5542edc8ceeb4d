package dev.athanor.core.http;

import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging of every list route, on every surface. A list reads one page: {@code limit} items at most (a whole
 * number, by default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}, unless the route documents other bounds;
 * anything else is 422 naming {@code limit}) after the position {@code cursor} names (an opaque string the previous
 * page handed out; one the list did not hand out to this team is 422 naming {@code cursor}). The body stays the list
 * the API documents; when more items follow, the response carries the next page's cursor in {@value #NEXT_CURSOR}
 * and a {@code Link} header with {@code rel="next"} whose target is the same request with that cursor (a reference
 * relative to the request's URL: only its query changes). No such header: the list has ended.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final String NEXT_CURSOR = "X-Next-Cursor";
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";
    /** How the API document describes {@code limit} and {@code cursor}. */
    public static final String LIMIT_TEXT = "Items per page, 1-" + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")";
    public static final String CURSOR_TEXT = "The X-Next-Cursor of the previous page; none for the first page";

    private Paging() {
    }

    /** The page the query parameters ask for, with the default bounds. */
    public static PageRequest request(@Nullable String limit, @Nullable String cursor) {
        return request(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /**
     * The page the query parameters ask for: {@code limit} from 1 to {@code max}, {@code fallback} when absent.
     *
     * @throws dev.athanor.model.error.InvalidInputException naming {@code limit} when it is not such a number
     */
    public static PageRequest request(@Nullable String limit, @Nullable String cursor, int fallback, int max) {
        int count = QueryNumbers.between(LIMIT, limit, fallback, 1, max);
        return new PageRequest(count, cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /** 200 with the page's items as the body, and the next page's headers when there is one. */
    public static <T> MutableHttpResponse<List<T>> ok(HttpRequest<?> request, Page<T> page) {
        return withNext(HttpResponse.ok(page.items()), request, page.next());
    }

    /** {@code response} with the next page's headers when {@code next} is a cursor (nothing when it is null). */
    public static <B> MutableHttpResponse<B> withNext(MutableHttpResponse<B> response, HttpRequest<?> request,
                                                      @Nullable String next) {
        if (next != null) {
            response.header(NEXT_CURSOR, next);
            response.header("Link", "<" + nextQuery(request, next) + ">; rel=\"next\"");
        }
        return response;
    }

    /** {@code ?<the request's parameters, with cursor set to next>}: the next page, relative to this request. */
    static String nextQuery(HttpRequest<?> request, String next) {
        List<String> pairs = new ArrayList<>();
        for (String name : request.getParameters().names()) {
            if (CURSOR.equals(name)) {
                continue;
            }
            for (String value : request.getParameters().getAll(name)) {
                pairs.add(encode(name) + "=" + encode(value));
            }
        }
        pairs.add(CURSOR + "=" + encode(next));
        return "?" + String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
