package dev.athanor.model.page;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items in the list's order, and the cursor of the next page, null when this page is the
 * last. A page may hold fewer items than were asked for while more follow (a store reads a bounded amount per page);
 * only a null {@code next} says the list has ended.
 */
public record Page<T>(List<T> items, @Nullable String next) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), next);
    }

    public boolean hasNext() {
        return next != null;
    }
}
