package dev.athanor.model.usage;

/**
 * Hands a usage event to the metering pipeline. Must return at once: metering never adds latency to the call it
 * measures, and a metering failure never fails that call.
 */
public interface UsagePublisher {

    void publish(UsageEvent event);
}
