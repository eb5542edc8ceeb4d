package dev.athanor.model.page;

import io.micronaut.core.annotation.Nullable;

/**
 * What a list asks of a store: at most {@code limit} items, starting after the position {@code cursor} names (the
 * {@link Page#next} of the page before), or from the start when it is null. A cursor is opaque: only the store that
 * handed it out reads it, and it refuses one it did not hand out for that list and team.
 */
public record PageRequest(int limit, @Nullable String cursor) {

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("A page holds at least one item, not " + limit);
        }
    }

    /** The first page, of at most {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
