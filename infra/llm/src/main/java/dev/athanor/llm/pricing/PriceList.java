package dev.athanor.llm.pricing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.Map;

/** The shape of {@code model-prices.json}: model id or id prefix to price. */
@Serdeable(naming = SnakeCaseStrategy.class)
record PriceList(@Nullable String asOf, @Nullable String note, Map<String, ModelPrice> models) {
}
