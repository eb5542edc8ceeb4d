package dev.athanor.llm.pricing;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * List price of one model in USD per million input (prompt) and output (completion) tokens, and the most output
 * tokens the model can produce in one call when it is published; null when it is not known.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ModelPrice(BigDecimal input, BigDecimal output, @Nullable Integer maxOutputTokens) {

    @Creator
    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        if (input.signum() < 0 || output.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
        if (maxOutputTokens != null && maxOutputTokens <= 0) {
            throw new IllegalArgumentException("max_output_tokens must be positive");
        }
    }

    /** A price without a known output limit. */
    public ModelPrice(BigDecimal input, BigDecimal output) {
        this(input, output, null);
    }
}
