package dev.athanor.orchestrator.metrics;

import dev.athanor.model.error.InvalidInputException;
import io.micronaut.core.annotation.Nullable;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters of the metrics reports, read as text so that a bad one is a 422 naming it (never the
 * framework's 400 or a 500). An empty parameter counts as absent. Problems are collected, so one answer names every
 * bad parameter.
 */
final class MetricsParameters {

    /** The longest quality range, in days: a year and a day. */
    static final int MAX_RANGE_DAYS = 366;
    /** How far back the quality report reaches when {@code start_date} is not given (today included). */
    static final int DEFAULT_RANGE_DAYS = 30;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    /** A project id in its stored (lower-case UUID) form, or null when absent. */
    @Nullable
    String projectId(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!UUID.matcher(value).matches()) {
            problems.put("project_id", List.of("must be a project id (a UUID)"));
            return null;
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    Period period(@Nullable String value) {
        try {
            return Period.of(value);
        } catch (InvalidInputException invalid) {
            problems.putAll(invalid.fieldErrors());
            return Period.DAYS_30;
        }
    }

    /**
     * The UTC days from {@code start} to {@code end}, both included: {@code end} defaults to today and {@code start}
     * to {@value #DEFAULT_RANGE_DAYS} days up to {@code end}. Each is an ISO-8601 date ({@code 2025-11-10}) or date
     * and time with an offset ({@code 2025-11-10T00:00:00Z}), which counts for its UTC day.
     */
    DayRange range(@Nullable String start, @Nullable String end, LocalDate today) {
        LocalDate last = day("end_date", end);
        LocalDate first = day("start_date", start);
        if (problems.containsKey("end_date") || problems.containsKey("start_date")) {
            return new DayRange(today, today);
        }
        last = last == null ? today : last;
        first = first == null ? last.minusDays(DEFAULT_RANGE_DAYS - 1L) : first;
        if (first.isAfter(last)) {
            problems.put("start_date", List.of("must not be after end_date"));
        } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_RANGE_DAYS) {
            problems.put("start_date", List.of("must be at most " + MAX_RANGE_DAYS + " days before end_date"));
        }
        return new DayRange(first, last);
    }

    /** @throws InvalidInputException naming every parameter found bad so far */
    void check() {
        if (!problems.isEmpty()) {
            List<String> message = new ArrayList<>();
            problems.forEach((name, texts) -> texts.forEach(text -> message.add(name + " " + text)));
            throw new InvalidInputException(String.join("; ", message), Map.copyOf(problems));
        }
    }

    @Nullable
    private LocalDate day(String name, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            return OffsetDateTime.parse(value).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeException notADate) {
            problems.put(name,
                    List.of("must be an ISO-8601 date (2025-11-10) or date and time (2025-11-10T00:00:00Z)"));
            return null;
        }
    }

    /** UTC days, both ends included. */
    record DayRange(LocalDate first, LocalDate last) {

        static DayRange lastDays(int days, LocalDate today) {
            return new DayRange(today.minusDays(days - 1L), today);
        }

        boolean contains(LocalDate day) {
            return !day.isBefore(first) && !day.isAfter(last);
        }

        int days() {
            return (int) ChronoUnit.DAYS.between(first, last) + 1;
        }
    }
}
