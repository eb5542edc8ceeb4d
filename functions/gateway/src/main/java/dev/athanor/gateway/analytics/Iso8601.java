package dev.athanor.gateway.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The ISO 8601 forms the analytics endpoints take: a date, or a date-time with an offset or in UTC. */
final class Iso8601 {

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Iso8601() {
    }

    /** A calendar date ({@code 2025-10-01}), or null when {@code text} is not one. */
    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A date-time with an offset ({@code 2025-10-26T10:30:00Z}, {@code ...+02:00}) or without one (read as UTC), or
     * null when {@code text} is neither.
     */
    static Instant dateTime(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
