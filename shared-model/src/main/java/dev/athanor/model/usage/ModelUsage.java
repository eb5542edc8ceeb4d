package dev.athanor.model.usage;

/** One line of a per-model breakdown: the calls a team made to one model through one provider. */
public record ModelUsage(String provider, String model, UsageTotals totals) {
}
