package dev.athanor.model.llm;

import java.util.Locale;

/** The classic three states of a circuit breaker. */
public enum CircuitState {
    /** Calls flow; consecutive failures are counted. */
    CLOSED,
    /** Calls are rejected at once until the cooldown has passed. */
    OPEN,
    /** One probe call is in flight; its outcome closes or reopens the circuit. */
    HALF_OPEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CircuitState fromWire(String value) {
        return value == null ? CLOSED : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
