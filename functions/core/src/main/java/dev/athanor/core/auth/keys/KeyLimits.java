package dev.athanor.core.auth.keys;

import dev.athanor.core.budget.BudgetConfiguration;
import dev.athanor.core.budget.CallCostEstimator;
import dev.athanor.core.llm.CallContext;
import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetHold;
import dev.athanor.model.budget.BudgetStore;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.keys.ApiKey;
import dev.athanor.model.keys.RateLimitExceededException;
import dev.athanor.model.keys.RateLimitStore;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.Usage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The limits of the API key a call is made with, applied where every surface's model calls pass
 * ({@link dev.athanor.core.llm.LlmService}): the models it may call (403), its requests and tokens per minute and its
 * budget (429). Requests are counted with a conditional add, so instances together never admit more than the limit
 * in a minute; tokens are counted when a call ends, so a minute can pass its token limit by the calls running when it
 * was reached, and the next call is refused. The budget reserves each call's maximum cost before it runs and settles
 * the real cost after, as the team's daily limit does. A call without a key, or whose key has only a model list,
 * costs no table access.
 */
@Singleton
public class KeyLimits {

    private static final Logger LOG = LoggerFactory.getLogger(KeyLimits.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** What is left to do once an admitted call has ended. */
    public interface Admission {

        Admission NONE = new Admission() {
            @Override
            public void succeeded(Usage usage) {
            }

            @Override
            public void failed() {
            }
        };

        /** Counts the call's tokens and settles its cost. */
        void succeeded(Usage usage);

        /** Releases the call's hold: a failed call costs nothing. */
        void failed();
    }

    private final ApiKeyDirectory directory;
    @Nullable
    private final RateLimitStore rates;
    @Nullable
    private final BudgetStore budgets;
    private final CallCostEstimator costs;
    private final BudgetConfiguration budgetConfiguration;
    private final Clock clock;

    public KeyLimits(ApiKeyDirectory directory, @Nullable RateLimitStore rates, @Nullable BudgetStore budgets,
                     CallCostEstimator costs, BudgetConfiguration budgetConfiguration, Clock clock) {
        this.directory = directory;
        this.rates = rates;
        this.budgets = budgets;
        this.costs = costs;
        this.budgetConfiguration = budgetConfiguration;
        this.clock = clock;
    }

    /**
     * Whether {@link #admit} would neither block nor write: no key, or a key in memory with no metered limit. Then a
     * caller on an event loop may admit in place.
     */
    public boolean inMemory(CallContext context) {
        if (context.apiKey() == null) {
            return true;
        }
        return directory.isFresh(context.apiKey())
                && directory.find(context.apiKey()).map(key -> !key.hasMeteredLimits()).orElse(true);
    }

    /**
     * Checks the call against its key's limits and takes its share of them.
     *
     * @throws UnauthorizedException       the key was revoked or expired since the request was authenticated
     * @throws ForbiddenException          the key may not call this model
     * @throws RateLimitExceededException  the key's requests or tokens for this minute are used up
     * @throws dev.athanor.model.budget.BudgetExceededException the call could take the key past its budget
     */
    public Admission admit(CallContext context, ChatRequest request) {
        return admit(context, request.model(), new Estimate(() -> costs.maximum(request),
                () -> costs.maximumTokens(request), usage -> costs.actual(request, usage)));
    }

    /** The same for an embedding call. */
    public Admission admit(CallContext context, EmbeddingRequest request) {
        return admit(context, request.model(), new Estimate(() -> costs.maximum(request),
                () -> costs.maximumTokens(request), usage -> costs.actual(request, usage)));
    }

    /** What a call may cost before it runs, and did cost after; computed only for keys with such limits. */
    private record Estimate(Supplier<BigDecimal> maximum, LongSupplier maximumTokens,
                            Function<Usage, BigDecimal> actual) {
    }

    private Admission admit(CallContext context, String model, Estimate estimate) {
        if (context.apiKey() == null) {
            return Admission.NONE;
        }
        Instant now = clock.instant();
        ApiKey key = directory.find(context.apiKey()).filter(k -> k.activeAt(now)).orElseThrow(() ->
                new UnauthorizedException("API key " + context.apiKey() + " is revoked, expired or unknown"));
        if (!key.allows(model)) {
            throw new ForbiddenException("API key " + key.id() + " may not call model '" + model
                    + "'; it may call: " + String.join(", ", key.allowedModels()));
        }
        if (!key.hasMeteredLimits()) {
            return Admission.NONE;
        }
        TeamId team = context.team();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        if (key.requestsPerMinute() != null && !rates(key).tryAcquire(team, counter(key, "requests"), window, WINDOW,
                key.requestsPerMinute())) {
            throw new RateLimitExceededException(key.id(), "requests", key.requestsPerMinute(), now,
                    window.plus(WINDOW));
        }
        if (key.tokensPerMinute() != null
                && rates(key).current(team, counter(key, "tokens"), window) >= key.tokensPerMinute()) {
            throw new RateLimitExceededException(key.id(), "tokens", key.tokensPerMinute(), now, window.plus(WINDOW));
        }
        BudgetHold hold = null;
        if (key.budgetUsd() != null) {
            hold = budgets(key).reserve(team, key.budgetAccount(), estimate.maximum().get(), key.budgetUsd(), now,
                    budgetConfiguration.getHoldTtl());
        }
        return new Metered(team, key, estimate, hold);
    }

    static String counter(ApiKey key, String what) {
        return "key#" + key.id() + "#" + what;
    }

    private RateLimitStore rates(ApiKey key) {
        if (rates == null) {
            throw new UnavailableException("The rate limits of API key " + key.id()
                    + " cannot be applied here (no rate_limits table is configured)");
        }
        return rates;
    }

    private BudgetStore budgets(ApiKey key) {
        if (budgets == null) {
            throw new UnavailableException("The budget of API key " + key.id()
                    + " cannot be applied here (no budgets table is configured)");
        }
        return budgets;
    }

    private final class Metered implements Admission {

        private final TeamId team;
        private final ApiKey key;
        private final Estimate estimate;
        private final BudgetHold hold;

        Metered(TeamId team, ApiKey key, Estimate estimate, BudgetHold hold) {
            this.team = team;
            this.key = key;
            this.estimate = estimate;
            this.hold = hold;
        }

        // the answer is delivered either way: a failure to record it is logged, and the hold keeps counting until it
        // expires, so the budget errs on the safe side
        @Override
        public void succeeded(Usage usage) {
            Instant now = clock.instant();
            try {
                if (key.tokensPerMinute() != null) {
                    long tokens = usage.totalTokens();
                    rates.add(team, counter(key, "tokens"), now.truncatedTo(ChronoUnit.MINUTES), WINDOW,
                            tokens > 0 ? tokens : estimate.maximumTokens().getAsLong());
                }
                if (hold != null) {
                    BigDecimal cost = estimate.actual().apply(usage);
                    budgets.settle(team, hold, cost, now);
                }
            } catch (RuntimeException e) {
                LOG.warn("Usage of API key {} not fully recorded: {}", key.id(), e.toString());
            }
        }

        @Override
        public void failed() {
            if (hold == null) {
                return;
            }
            try {
                budgets.release(team, hold, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("Hold {} of API key {} not released (it expires at {}): {}", hold.id(), key.id(),
                        hold.expiresAt(), e.toString());
            }
        }
    }
}
