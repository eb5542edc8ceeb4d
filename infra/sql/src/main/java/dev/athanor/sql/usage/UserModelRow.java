package dev.athanor.sql.usage;

import dev.athanor.model.usage.UserModelUsage;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/** Aggregate columns of one model in a user's breakdown. */
@Introspected
record UserModelRow(@Nullable String model, long tokens, long requests, BigDecimal costUsd) {

    UserModelUsage usage() {
        return new UserModelUsage(model, tokens, requests, costUsd);
    }
}
