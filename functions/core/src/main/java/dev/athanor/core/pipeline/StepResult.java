package dev.athanor.core.pipeline;

import java.math.BigDecimal;
import java.util.Map;

/** How a step ended: with variables for the execution, or with an error the retry policy may retry. */
public sealed interface StepResult {

    BigDecimal cost();

    record Succeeded(Map<String, String> outputs, BigDecimal cost) implements StepResult {
    }

    record Failed(String error, boolean retryable, BigDecimal cost) implements StepResult {
    }
}
