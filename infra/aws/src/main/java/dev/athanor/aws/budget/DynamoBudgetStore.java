package dev.athanor.aws.budget;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetAccount;
import dev.athanor.model.budget.BudgetHold;
import dev.athanor.model.budget.BudgetPeriod;
import dev.athanor.model.budget.BudgetStore;
import dev.athanor.model.budget.DailyBudget;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.UnavailableException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Budgets in DynamoDB, one item per team, account and period: the team's own UTC days ({@code daily#YYYY-MM-DD}) and
 * each API key's days or months ({@code key#<id>#day#YYYY-MM-DD}, {@code key#<id>#month#YYYY-MM}). Each change reads the day (strongly consistent),
 * applies a {@link DailyBudget} rule and writes the whole day back on condition that its version is unchanged; a
 * writer that lost the race reads again and retries, so holds taken at once by many instances are all checked
 * against each other. Exists only in functions given the budgets table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.budgets")
public class DynamoBudgetStore implements BudgetStore, TeamData {

    static final String DAILY = "daily#";
    // one winner per round: enough rounds for dozens of instances reserving for one team in the same moment
    private static final int MAX_ATTEMPTS = 64;
    private static final Duration KEPT_AFTER_DAY = Duration.ofDays(7);

    private final TeamScopedTable<BudgetItem> table;

    public DynamoBudgetStore(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.BUDGETS, BudgetItem::new);
    }

    @Override
    public BudgetHold reserve(TeamId team, BudgetAccount account, BigDecimal amount, BigDecimal limit, Instant now,
                              Duration holdFor) {
        BudgetHold hold = new BudgetHold(UUID.randomUUID().toString(), account, account.period().start(now), amount,
                now, now.plus(holdFor));
        update(team, account, hold.day(), now, day -> day.reserve(team, limit, hold));
        return hold;
    }

    @Override
    public void settle(TeamId team, BudgetHold hold, BigDecimal cost, Instant now) {
        update(team, hold.account(), hold.day(), now, day -> day.settle(hold, cost, now));
    }

    @Override
    public void release(TeamId team, BudgetHold hold, Instant now) {
        update(team, hold.account(), hold.day(), now, day -> day.release(hold.id()));
    }

    @Override
    public DailyBudget period(TeamId team, BudgetAccount account, LocalDate start, Instant now) {
        return table.getLatest(team, id(account, start))
                .map(item -> toBudget(account, start, item)).orElseGet(() -> DailyBudget.empty(start))
                .withoutExpired(now);
    }

    @Override
    public String name() {
        return "budgets";
    }

    @Override
    public void wipe(TeamId team) {
        table.list(team).forEach(item -> table.delete(team, item.getId()));
    }

    private void update(TeamId team, BudgetAccount account, LocalDate day, Instant now,
                        UnaryOperator<DailyBudget> change) {
        String id = id(account, day);
        for (int attempt = 1; ; attempt++) {
            Optional<BudgetItem> stored = table.getLatest(team, id);
            DailyBudget current = stored.map(item -> toBudget(account, day, item))
                    .orElseGet(() -> DailyBudget.empty(day));
            DailyBudget pruned = current.withoutExpired(now);
            DailyBudget changed = change.apply(pruned);
            if (changed == current) {
                return;
            }
            try {
                table.put(team, id, stored.map(BudgetItem::getVersion).orElse(null),
                        item -> fill(item, account, changed));
                return;
            } catch (ConflictException raced) {
                if (attempt == MAX_ATTEMPTS) {
                    String whose = account.isTeam() ? "The daily budget of team " + team.value()
                            : (account.period() == BudgetPeriod.DAY ? "The daily" : "The monthly")
                            + " budget of API key " + account.keyId();
                    throw new UnavailableException(whose + " is changing too fast to update; try again", raced);
                }
                pause(attempt);
            }
        }
    }

    // jittered and growing, so instances that collided do not collide again in lockstep
    private static void pause(int attempt) {
        long bound = Math.min(50, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while updating a daily budget", e);
        }
    }

    static String id(LocalDate day) {
        return DAILY + day;
    }

    static String id(BudgetAccount account, LocalDate start) {
        if (account.isTeam()) {
            return id(start);
        }
        String period = switch (account.period()) {
            case DAY -> start.toString();
            case MONTH -> start.toString().substring(0, 7);
        };
        return "key#" + account.keyId() + "#" + account.period().wireName() + "#" + period;
    }

    private static DailyBudget toBudget(BudgetAccount account, LocalDate day, BudgetItem item) {
        Map<String, BudgetHold> holds = new HashMap<>();
        if (item.getHolds() != null) {
            item.getHolds().forEach((id, hold) -> holds.put(id, new BudgetHold(id, account, day, hold.getAmountUsd(),
                    Instant.ofEpochMilli(hold.getReservedAt()), Instant.ofEpochMilli(hold.getExpiresAt()))));
        }
        Map<String, Instant> settled = new HashMap<>();
        if (item.getSettled() != null) {
            item.getSettled().forEach((id, until) -> settled.put(id, Instant.ofEpochMilli(until)));
        }
        BigDecimal spent = item.getSpentUsd() == null ? BigDecimal.ZERO : item.getSpentUsd();
        return new DailyBudget(day, spent, holds, settled);
    }

    private static void fill(BudgetItem item, BudgetAccount account, DailyBudget budget) {
        item.setSpentUsd(budget.spent());
        Map<String, HoldItem> holds = new HashMap<>();
        budget.holds().forEach((id, hold) -> {
            HoldItem stored = new HoldItem();
            stored.setAmountUsd(hold.amount());
            stored.setReservedAt(hold.reservedAt().toEpochMilli());
            stored.setExpiresAt(hold.expiresAt().toEpochMilli());
            holds.put(id, stored);
        });
        item.setHolds(holds);
        Map<String, Long> settled = new HashMap<>();
        budget.settled().forEach((id, until) -> settled.put(id, until.toEpochMilli()));
        item.setSettled(settled);
        item.setPurgeAt(account.period().end(budget.day()).plus(KEPT_AFTER_DAY).getEpochSecond());
    }
}
