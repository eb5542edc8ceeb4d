package dev.athanor.core.health;

import dev.athanor.aws.dynamo.DynamoReadiness;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Whether this function's state stores answer, and how long it has been up. */
@Singleton
public class Readiness {

    private final DynamoReadiness dynamo;
    private final Instant started = Instant.now();

    public Readiness(DynamoReadiness dynamo) {
        this.dynamo = dynamo;
    }

    /** Empty when every configured table answers; otherwise the problem. */
    public Optional<String> problem() {
        return dynamo.problem();
    }

    /** The tables this function uses, logical name to physical name. */
    public Map<String, String> tables() {
        return dynamo.tables();
    }

    public boolean hasDatabase() {
        return !dynamo.tables().isEmpty();
    }

    public Duration uptime() {
        return Duration.between(started, Instant.now());
    }
}
