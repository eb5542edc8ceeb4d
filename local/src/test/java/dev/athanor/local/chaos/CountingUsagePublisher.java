package dev.athanor.local.chaos;

import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.aws.usage.SqsUsagePublisher;
import dev.athanor.aws.usage.UsageMessageCodec;
import dev.athanor.aws.usage.UsagePublisherConfiguration;
import dev.athanor.model.usage.UsageEvent;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The real usage publisher, counting in a chaos context the usage events handed to it, by surface and job. */
@Singleton
@Replaces(SqsUsagePublisher.class)
@Requires(property = "test.chaos")
@Requires(property = "athanor.queues.usage")
class CountingUsagePublisher extends SqsUsagePublisher {

    CountingUsagePublisher(BeanProvider<SqsClient> sqs, UsageMessageCodec codec, QueueUrls queues,
                           UsagePublisherConfiguration configuration) {
        super(sqs, codec, queues, configuration);
    }

    @Override
    public void publish(UsageEvent event) {
        Faults.published(event.surface(), event.job());
        super.publish(event);
    }
}
