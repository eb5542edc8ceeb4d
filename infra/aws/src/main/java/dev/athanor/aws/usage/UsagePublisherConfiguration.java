package dev.athanor.aws.usage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * {@code athanor.usage.publisher.*}: how many events may wait in memory, how long the sender waits to fill a batch,
 * and how long shutdown waits to send what is left.
 */
@ConfigurationProperties("athanor.usage.publisher")
public interface UsagePublisherConfiguration {

    @Bindable(defaultValue = "10000")
    @Min(1)
    int getBufferCapacity();

    @Bindable(defaultValue = "5s")
    Duration getShutdownTimeout();

    /** How long a first event waits for others to share its SendMessageBatch call (fewer, fuller SQS calls). */
    @Bindable(defaultValue = "50ms")
    Duration getLinger();
}
