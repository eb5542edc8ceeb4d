package dev.athanor.ledger;

import dev.athanor.aws.usage.UsageMessageCodec;
import dev.athanor.core.work.BatchWorkHandler;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the usage messages of one SQS batch to the ledger in one batch. A message that is not a usage event fails
 * alone; if the write fails, every message in it fails and SQS redelivers them. A redelivered event is skipped by
 * the ledger, so retrying a batch never counts a call twice.
 */
@Singleton
@Requires(beans = UsageLedger.class)
public class UsageBatchHandler implements BatchWorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBatchHandler.class);

    private final UsageMessageCodec codec;
    private final UsageLedger ledger;

    public UsageBatchHandler(UsageMessageCodec codec, UsageLedger ledger) {
        this.codec = codec;
        this.ledger = ledger;
    }

    @Override
    public String type() {
        return UsageMessageCodec.TYPE;
    }

    @Override
    public Set<String> handleBatch(List<WorkMessage> messages) {
        Set<String> failed = new HashSet<>();
        List<UsageEvent> events = new ArrayList<>(messages.size());
        List<String> decoded = new ArrayList<>(messages.size());
        for (WorkMessage message : messages) {
            try {
                events.add(codec.decode(message.body()));
                decoded.add(message.messageId());
            } catch (IllegalArgumentException e) {
                LOG.error("Usage message {} is malformed (delivery {}): {}", message.messageId(),
                        message.receiveCount(), e.getMessage());
                failed.add(message.messageId());
            }
        }
        if (events.isEmpty()) {
            return failed;
        }
        try {
            int added = ledger.record(events);
            LOG.debug("Ledger: {} of {} usage events were new", added, events.size());
        } catch (RuntimeException e) {
            LOG.error("Writing {} usage events to the ledger failed", events.size(), e);
            failed.addAll(decoded);
        }
        return failed;
    }
}
