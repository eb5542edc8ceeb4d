package dev.athanor.model.orchestrator;

import java.util.Locale;
import java.util.Optional;

/** How the orchestrator reaches an agent (seed 002's AgentConnection.connection_type). */
public enum ConnectionType {
    /** A vendor's API, called directly. */
    API,
    /** A command-line tool on the machine that runs the agent. */
    LOCAL,
    /** An endpoint of the agent's own. */
    REMOTE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a wire name; empty for anything else (case matters). */
    public static Optional<ConnectionType> fromWire(String value) {
        for (ConnectionType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
