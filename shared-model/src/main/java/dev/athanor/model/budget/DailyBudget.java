package dev.athanor.model.budget;

import dev.athanor.model.TeamId;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One account's spend in one period ({@code day} is the date it starts on; for the team's own account, one UTC day): what settled calls cost, the holds of calls still running, and the holds settled
 * recently (kept for one more hold period, so settling the same hold twice adds its cost once). The rules are here,
 * pure; a store reads a day, applies one of them and writes the result back only if nobody wrote in between.
 *
 * @param settled hold id to the instant until which a repeated settle of it is ignored
 */
public record DailyBudget(LocalDate day, BigDecimal spent, Map<String, BudgetHold> holds,
                          Map<String, Instant> settled) {

    public DailyBudget {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spent, "spent");
        holds = Map.copyOf(holds);
        settled = Map.copyOf(settled);
    }

    public static DailyBudget empty(LocalDate day) {
        return new DailyBudget(day, BigDecimal.ZERO, Map.of(), Map.of());
    }

    /** The UTC day an instant falls on: a team's limit applies per calendar day in UTC. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** What the open holds set aside together. */
    public BigDecimal held() {
        return holds.values().stream().map(BudgetHold::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Without the holds of calls that never settled in time and the settled ids no longer worth remembering. */
    public DailyBudget withoutExpired(Instant now) {
        Map<String, BudgetHold> open = new LinkedHashMap<>();
        holds.forEach((id, hold) -> {
            if (!hold.expired(now)) {
                open.put(id, hold);
            }
        });
        Map<String, Instant> remembered = new LinkedHashMap<>();
        settled.forEach((id, until) -> {
            if (until.isAfter(now)) {
                remembered.put(id, until);
            }
        });
        return open.size() == holds.size() && remembered.size() == settled.size()
                ? this : new DailyBudget(day, spent, open, remembered);
    }

    /**
     * Adds the hold if the day can afford it: refused once spend and holds have reached the limit (even a call
     * priced at zero, since an unpriced model may still cost money), or when the hold would take them past it.
     * A limit of zero therefore refuses every call.
     *
     * @throws BudgetExceededException when refused; nothing changes then
     */
    public DailyBudget reserve(TeamId team, BigDecimal limit, BudgetHold hold) {
        if (!hold.day().equals(day)) {
            throw new IllegalArgumentException("hold " + hold.id() + " is for " + hold.day() + ", not " + day);
        }
        BigDecimal held = held();
        BigDecimal committed = spent.add(held);
        if (committed.compareTo(limit) >= 0 || committed.add(hold.amount()).compareTo(limit) > 0) {
            throw new BudgetExceededException(team, hold.account(), limit, spent, held, hold.amount(),
                    hold.reservedAt(), hold.account().period().end(day));
        }
        Map<String, BudgetHold> more = new LinkedHashMap<>(holds);
        more.put(hold.id(), hold);
        return new DailyBudget(day, spent, more, settled);
    }

    /**
     * Ends the hold and adds what the call actually cost. The cost is added even when the hold has expired meanwhile
     * (the money was spent all the same); a hold settled before adds nothing.
     */
    public DailyBudget settle(BudgetHold hold, BigDecimal cost, Instant now) {
        if (cost == null || cost.signum() < 0) {
            throw new IllegalArgumentException("a call's cost must be zero or more");
        }
        if (settled.containsKey(hold.id())) {
            return this;
        }
        Map<String, BudgetHold> fewer = new LinkedHashMap<>(holds);
        fewer.remove(hold.id());
        Map<String, Instant> remembered = new LinkedHashMap<>(settled);
        Duration period = Duration.between(hold.reservedAt(), hold.expiresAt());
        Instant until = now.plus(period);
        remembered.put(hold.id(), until.isAfter(hold.expiresAt()) ? until : hold.expiresAt());
        return new DailyBudget(day, spent.add(cost), fewer, remembered);
    }

    /** Ends the hold without cost: the call failed. Releasing a hold that is gone changes nothing. */
    public DailyBudget release(String holdId) {
        if (!holds.containsKey(holdId)) {
            return this;
        }
        Map<String, BudgetHold> fewer = new LinkedHashMap<>(holds);
        fewer.remove(holdId);
        return new DailyBudget(day, spent, fewer, settled);
    }
}
