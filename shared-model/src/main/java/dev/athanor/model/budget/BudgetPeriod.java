package dev.athanor.model.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The calendar period a budget covers, in UTC. A period is named by the date it starts on. */
public enum BudgetPeriod {
    DAY,
    MONTH;

    /** The first date of the period {@code instant} falls in. */
    public LocalDate start(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return this == DAY ? day : day.withDayOfMonth(1);
    }

    /** The instant the period starting on {@code start} ends (the next one begins). */
    public Instant end(LocalDate start) {
        LocalDate next = this == DAY ? start.plusDays(1) : start.withDayOfMonth(1).plusMonths(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The name used on the wire and in storage: {@code day} or {@code month}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return null when {@code name} is neither {@code day} nor {@code month} */
    public static BudgetPeriod fromWire(String name) {
        for (BudgetPeriod period : values()) {
            if (period.wireName().equals(name)) {
                return period;
            }
        }
        return null;
    }
}
