package dev.athanor.gateway.analytics;

import dev.athanor.model.error.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The period of {@code GET /v1/analytics/user/{user_id}}: from {@code start} to {@code end}, both included, as the
 * seed writes it ({@code 2025-10-01T00:00:00Z} to {@code 2025-10-31T23:59:59Z}); the ledger is read over
 * {@code [start, until)}.
 *
 * <p>A date means its whole UTC day (from its first second for the start, through its last for the end); a
 * date-time end includes its whole second. Without an end the period ends with the current UTC month; without a
 * start it begins on the first day of the end's month. So with neither it is the current calendar month in UTC.
 *
 * @param until the first instant after the period
 */
record AnalyticsPeriod(Instant start, Instant until) {

    /** The last second of the period, as the response shows it. */
    Instant end() {
        return until.minusSeconds(1);
    }

    /**
     * @throws InvalidInputException naming the parameter when a date is not ISO 8601, is outside the years 1970 to
     *                               9999, or the start is after the end
     */
    static AnalyticsPeriod of(String startDate, String endDate, Clock clock) {
        Instant until = blank(endDate) ? nextMonth(LocalDate.now(clock.withZone(ZoneOffset.UTC)))
                : bound("end_date", endDate, true);
        Instant start = blank(startDate) ? YearMonth.from(until.minusSeconds(1).atOffset(ZoneOffset.UTC))
                .atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant() : bound("start_date", startDate, false);
        if (!start.isBefore(until)) {
            throw invalid("start_date", "must not be after end_date");
        }
        return new AnalyticsPeriod(start, until);
    }

    /** The current UTC calendar month, over which a user's quota is counted. */
    static AnalyticsPeriod currentMonth(Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new AnalyticsPeriod(today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant(), nextMonth(today));
    }

    private static Instant nextMonth(LocalDate day) {
        return YearMonth.from(day).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the period, or for an end the first instant after it. */
    private static Instant bound(String name, String text, boolean end) {
        String value = text.strip();
        LocalDate date = Iso8601.date(value);
        Instant instant;
        if (date != null) {
            instant = (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            instant = Iso8601.dateTime(value);
            if (instant == null) {
                throw invalid(name, "must be an ISO 8601 date (2025-10-01) or date-time (2025-10-01T00:00:00Z)");
            }
            instant = end ? instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1) : instant;
        }
        if (instant.isBefore(Iso8601.EARLIEST) || instant.isAfter(Iso8601.LATEST.plusSeconds(1))) {
            throw invalid(name, "must be between 1970 and 9999");
        }
        return instant;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static InvalidInputException invalid(String name, String problem) {
        return new InvalidInputException(name + " " + problem, Map.of(name, List.of(problem)));
    }
}
