package dev.athanor.aws.dynamo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Sort keys that order items by time: text order is time order, and items of the same instant stay apart. */
public final class SortKeys {

    private static final DateTimeFormatter FIXED = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    private SortKeys() {
    }

    /** An ISO-8601 instant with nine fraction digits (the default form drops zeros: its text order is not time's). */
    public static String time(Instant at) {
        return FIXED.format(at);
    }

    /** {@link #time} then {@code #} and the item's id, which orders items of the same instant. */
    public static String timeThen(Instant at, String id) {
        return time(at) + "#" + id;
    }
}
