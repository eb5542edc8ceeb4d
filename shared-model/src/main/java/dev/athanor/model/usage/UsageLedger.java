package dev.athanor.model.usage;

import dev.athanor.model.TeamId;

import java.time.Instant;
import java.util.List;

/** Port: the SQL ledger of LLM calls, written in batches by the worker and read by the analytics endpoints. */
public interface UsageLedger {

    /**
     * Writes the events in one batch, all or nothing. An event whose id is already in the ledger (a redelivered
     * message) is skipped, not an error.
     *
     * @return how many events were new
     */
    int record(List<UsageEvent> events);

    /** Totals and the per-model breakdown of a team's calls that occurred in {@code [from, to)}. */
    UsageSummary summarize(TeamId team, Instant from, Instant to);
}
