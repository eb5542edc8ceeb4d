package dev.athanor.orchestrator.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** How the reports write numbers: rounded so that sums of float costs do not show binary noise. */
final class Figures {

    private Figures() {
    }

    /** Shares, qualities, averages of counts and seconds: four decimals. */
    static double ratio(double value) {
        return round(value, 4);
    }

    /** Percentages and factors: two decimals. */
    static double percent(double value) {
        return round(value, 2);
    }

    /** US dollars: six decimals (a cheap call costs fractions of a cent). */
    static double money(double value) {
        return round(value, 6);
    }

    static double money(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code total / count}, zero when there is nothing to divide by. */
    static double average(double total, long count) {
        return count == 0 ? 0 : total / count;
    }

    static String midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    static LocalDate utcDay(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static double round(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
