package dev.athanor.model.usage;

import java.time.LocalDate;
import java.util.Objects;

/** The calls of one UTC day. */
public record DailyUsage(LocalDate date, UsageTotals totals) {

    public DailyUsage {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(totals, "totals");
    }
}
