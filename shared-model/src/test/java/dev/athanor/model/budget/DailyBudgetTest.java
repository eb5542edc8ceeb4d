package dev.athanor.model.budget;

import dev.athanor.model.TeamId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DailyBudgetTest {

    private static final TeamId TEAM = TeamId.of("acme");
    private static final Instant NOW = Instant.parse("2026-03-04T23:50:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-04");
    private static final BigDecimal LIMIT = new BigDecimal("1.00");

    private static BudgetHold hold(String id, String amount) {
        return new BudgetHold(id, DAY, new BigDecimal(amount), NOW, NOW.plus(Duration.ofMinutes(15)));
    }

    private static DailyBudget spent(String amount) {
        return DailyBudget.empty(DAY).reserve(TEAM, LIMIT, hold("first", "0")).settle(hold("first", "0"),
                new BigDecimal(amount), NOW);
    }

    @Test
    void the_day_is_the_utc_calendar_day() {
        assertEquals(LocalDate.parse("2026-03-04"), DailyBudget.dayOf(Instant.parse("2026-03-04T23:59:59Z")));
        assertEquals(LocalDate.parse("2026-03-05"), DailyBudget.dayOf(Instant.parse("2026-03-05T00:00:00Z")));
    }

    @Test
    void holds_up_to_the_limit_pass_and_the_next_is_refused_with_the_amounts() {
        DailyBudget day = spent("0.50").reserve(TEAM, LIMIT, hold("a", "0.30")).reserve(TEAM, LIMIT, hold("b", "0.20"));

        assertEquals(new BigDecimal("0.50"), day.held());
        BudgetExceededException refused = assertThrows(BudgetExceededException.class,
                () -> day.reserve(TEAM, LIMIT, hold("c", "0.0001")));
        assertEquals(new BigDecimal("0.50"), refused.spent());
        assertEquals(new BigDecimal("0.50"), refused.held());
        assertEquals("Daily cost limit of $1.00 reached for team acme: $0.50 spent, $0.50 reserved by calls in "
                        + "progress, and this call may cost up to $0.0001 (the limit resets at 00:00 UTC)",
                refused.getMessage());
    }

    @Test
    void a_hold_that_would_pass_the_limit_is_refused_though_the_limit_is_not_reached_yet() {
        DailyBudget day = spent("0.90");

        assertThrows(BudgetExceededException.class, () -> day.reserve(TEAM, LIMIT, hold("a", "0.11")));
        assertEquals(1, day.reserve(TEAM, LIMIT, hold("a", "0.10")).holds().size());
    }

    @Test
    void a_free_call_passes_until_the_limit_is_reached_and_not_after() {
        assertEquals(1, spent("0.99").reserve(TEAM, LIMIT, hold("free", "0")).holds().size());
        assertThrows(BudgetExceededException.class, () -> spent("1.00").reserve(TEAM, LIMIT, hold("free", "0")));
    }

    @Test
    void a_limit_of_zero_refuses_every_call() {
        assertThrows(BudgetExceededException.class,
                () -> DailyBudget.empty(DAY).reserve(TEAM, BigDecimal.ZERO.setScale(2), hold("free", "0")));
    }

    @Test
    void settling_adds_the_actual_cost_once_and_ends_the_hold() {
        BudgetHold hold = hold("a", "0.40");
        DailyBudget settled = spent("0.10").reserve(TEAM, LIMIT, hold).settle(hold, new BigDecimal("0.05"), NOW);

        assertEquals(new BigDecimal("0.15"), settled.spent());
        assertTrue(settled.holds().isEmpty());
        assertSame(settled, settled.settle(hold, new BigDecimal("0.05"), NOW.plusSeconds(60)));
    }

    @Test
    void a_settle_after_the_hold_expired_still_adds_the_cost() {
        BudgetHold hold = hold("a", "0.40");
        Instant late = hold.expiresAt().plusSeconds(1);
        DailyBudget expired = DailyBudget.empty(DAY).reserve(TEAM, LIMIT, hold).withoutExpired(late);

        assertTrue(expired.holds().isEmpty());
        DailyBudget settled = expired.settle(hold, new BigDecimal("0.30"), late);
        assertEquals(new BigDecimal("0.30"), settled.spent());
        assertSame(settled, settled.settle(hold, new BigDecimal("0.30"), late.plusSeconds(60)));
    }

    @Test
    void expired_holds_no_longer_count_and_settled_ids_are_forgotten_a_hold_period_after_settling() {
        BudgetHold crashed = new BudgetHold("crashed", DAY, new BigDecimal("0.90"), NOW, NOW.plusSeconds(300));
        BudgetHold done = hold("done", "0");
        DailyBudget day = DailyBudget.empty(DAY).reserve(TEAM, LIMIT, crashed).reserve(TEAM, LIMIT, done)
                .settle(done, BigDecimal.ZERO, NOW);

        DailyBudget later = day.withoutExpired(crashed.expiresAt());
        assertTrue(later.holds().isEmpty());
        assertEquals(1, later.settled().size(), "settled at NOW: remembered until NOW + 15 minutes");
        assertTrue(later.withoutExpired(NOW.plus(Duration.ofMinutes(15))).settled().isEmpty());
        assertSame(later, later.withoutExpired(crashed.expiresAt()));
    }

    @Test
    void releasing_ends_the_hold_without_cost() {
        BudgetHold hold = hold("a", "0.40");
        DailyBudget released = spent("0.10").reserve(TEAM, LIMIT, hold).release(hold.id());

        assertEquals(new BigDecimal("0.10"), released.spent());
        assertTrue(released.holds().isEmpty());
        assertSame(released, released.release(hold.id()));
    }

    @Test
    void amounts_under_half_a_cent_are_shown_with_two_significant_digits() {
        assertEquals("$0.00", BudgetExceededException.usd(BigDecimal.ZERO));
        assertEquals("$0.00001", BudgetExceededException.usd(new BigDecimal("0.00001")));
        assertEquals("$0.0024", BudgetExceededException.usd(new BigDecimal("0.00240225")));
        assertEquals("$4.98", BudgetExceededException.usd(new BigDecimal("4.9751")));
    }
}
