package dev.athanor.llm.pricing;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.Objects;

/** List price of one model in USD per million input (prompt) and output (completion) tokens. */
@Serdeable
public record ModelPrice(BigDecimal input, BigDecimal output) {

    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        if (input.signum() < 0 || output.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }
}
