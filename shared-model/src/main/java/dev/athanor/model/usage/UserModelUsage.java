package dev.athanor.model.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a user's per-model breakdown: their successful calls to one model (metered and reported alike).
 *
 * @param model    the model id as recorded, or null for calls that named none
 * @param requests successful calls; failed attempts carry no tokens and are left out
 */
public record UserModelUsage(String model, long tokens, long requests, BigDecimal costUsd) {

    public UserModelUsage {
        Objects.requireNonNull(costUsd, "costUsd");
    }
}
