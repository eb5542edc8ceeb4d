package dev.athanor.aws.usage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** {@code athanor.usage.publisher.*}: how many events may wait in memory, and how long shutdown waits to send them. */
@ConfigurationProperties("athanor.usage.publisher")
public interface UsagePublisherConfiguration {

    @Bindable(defaultValue = "10000")
    @Min(1)
    int getBufferCapacity();

    @Bindable(defaultValue = "5s")
    Duration getShutdownTimeout();
}
