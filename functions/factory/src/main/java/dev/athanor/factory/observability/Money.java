package dev.athanor.factory.observability;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** US dollar amounts as the endpoints write them: exact, without the ledger's trailing zeros ({@code 12.5}). */
final class Money {

    private Money() {
    }

    static BigDecimal of(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        // 10 strips to 1E+1; a scale of zero writes it as 10
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code total / count} to six decimals, zero when there is nothing to divide by. */
    static BigDecimal average(BigDecimal total, long count) {
        if (count == 0) {
            return BigDecimal.ZERO;
        }
        return of(total.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP));
    }
}
