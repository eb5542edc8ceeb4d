package dev.athanor.model.usage;

import dev.athanor.model.TeamId;

import java.time.Instant;
import java.time.LocalDate;
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

    /** Totals of every call a team made through one surface (e.g. {@code factory}), all time. */
    UsageTotals totals(TeamId team, String surface);

    /** A team's calls through one surface per job, most expensive first; calls without a job have a null key. */
    List<UsageGroup> byJob(TeamId team, String surface);

    /** A team's calls through one surface per agent, most expensive first; calls without an agent have a null key. */
    List<UsageGroup> byAgent(TeamId team, String surface);

    /**
     * A team's calls through one surface per UTC day from {@code first} to {@code last} (both included), oldest
     * first. Days without calls are left out.
     */
    List<DailyUsage> daily(TeamId team, String surface, LocalDate first, LocalDate last);

    /**
     * One user's successful calls in {@code [from, to)} per model, through every surface and reported by clients,
     * most tokens first; only those of {@code model} when it is not null.
     */
    List<UserModelUsage> userUsage(TeamId team, String userId, Instant from, Instant to, String model);

    /** The tokens of one user's calls in {@code [from, to)}, every model and source. */
    long userTokens(TeamId team, String userId, Instant from, Instant to);
}
