package dev.athanor.gateway.analytics;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.model.settings.TeamSettings;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UserModelUsage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Per-user usage from the ledger: calls clients report, recorded at once (a direct write, so a read right after
 * sees it), and the analytics of one user over a period, with the team's per-user monthly token quota. Every read
 * and write is scoped to the caller's team.
 */
@Singleton
@Requires(beans = UsageLedger.class)
class UsageAnalytics {

    /** What a recorded report answers: its id in the ledger and the user's tokens left this month (null: no quota). */
    record Recorded(String usageId, Long quotaRemaining) {
    }

    /** A user's successful calls in a period, per model (most tokens first). */
    record UserUsage(String userId, AnalyticsPeriod period, List<UserModelUsage> byModel) {
    }

    private final UsageLedger ledger;
    private final SettingsRepository settings;
    private final PricingTable prices;
    private final Clock clock;

    UsageAnalytics(UsageLedger ledger, SettingsRepository settings, PricingTable prices, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * Records a reported call for a user of the caller's team. Members and admins may report for any user id (their
     * team's clients have users of their own); viewers only read.
     *
     * <p>A reported count does not say how much was input and how much output: it is split evenly (the odd token
     * counted as input) and priced so, halfway between the model's two prices. A report that gives its timestamp is
     * identified by its content, so sending the same report again records nothing more and answers the same id.
     */
    Recorded record(TeamPrincipal caller, UsageReport report) {
        if (Roles.VIEWER.equals(caller.role())) {
            throw new ForbiddenException("A viewer may not record usage");
        }
        TeamId team = caller.team();
        Instant occurredAt = report.timestamp() == null ? clock.instant() : report.timestamp();
        String id = report.timestamp() == null ? "usage_" + UUID.randomUUID().toString().replace("-", "")
                : contentId(team, report);
        int completion = report.tokensUsed() / 2;
        Usage split = new Usage(report.tokensUsed() - completion, completion);
        ledger.record(List.of(new UsageEvent(id, team.value(), "gateway", null, null, null, null, report.model(),
                split.promptTokens(), split.completionTokens(), prices.cost(report.model(), split), 0, null, "ok",
                occurredAt, report.userId(), caller.keyId(), report.requestType(), UsageEvent.REPORTED,
                report.metadataJson())));
        return new Recorded(id, quotaRemaining(team, report.userId()));
    }

    /**
     * A user's analytics: their own for anyone, any user's of the team for an admin.
     *
     * @param model only this model's calls, when not null
     */
    UserUsage user(TeamPrincipal caller, String userId, AnalyticsPeriod period, String model) {
        if (!userId.equals(caller.userId()) && !caller.isAdmin()) {
            throw new ForbiddenException("Only the user themselves or a team admin may read a user's analytics");
        }
        return new UserUsage(userId, period,
                ledger.userUsage(caller.team(), userId, period.start(), period.until(), model));
    }

    /** The team's {@code user_token_quota} less the user's tokens this UTC month, never below zero; null without one. */
    private Long quotaRemaining(TeamId team, String userId) {
        Long quota = settings.find(team, TeamSettings.SCOPE)
                .map(versioned -> TeamSettings.userTokenQuota(versioned.value())).orElse(null);
        if (quota == null) {
            return null;
        }
        AnalyticsPeriod month = AnalyticsPeriod.currentMonth(clock);
        return Math.max(0, quota - ledger.userTokens(team, userId, month.start(), month.until()));
    }

    private static String contentId(TeamId team, UsageReport report) {
        String content = String.join("\u0000", team.value(), report.userId(), report.model(),
                Integer.toString(report.tokensUsed()), String.valueOf(report.requestType()),
                report.timestamp().toString(), String.valueOf(report.metadataJson()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "usage_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
