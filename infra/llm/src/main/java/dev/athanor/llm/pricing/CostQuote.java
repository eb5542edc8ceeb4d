package dev.athanor.llm.pricing;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/**
 * What one call cost. {@code pricedAs} is the table entry that matched (the model id itself or a prefix of it);
 * null when the model is unknown, in which case the cost is zero and the call is reported as unpriced.
 */
public record CostQuote(BigDecimal costUsd, @Nullable String pricedAs) {

    public boolean priced() {
        return pricedAs != null;
    }
}
