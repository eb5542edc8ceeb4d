package dev.athanor.live;

import dev.athanor.aws.live.LiveEventCodec;
import dev.athanor.core.work.BatchWorkHandler;
import dev.athanor.model.live.ConnectionSender;
import dev.athanor.model.live.ConnectionStore;
import dev.athanor.model.live.LiveEvent;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Delivers the events of the events queue to the clients listening on their channels: each client once per event,
 * however many of the event's channels it listens on. A client that has gone is forgotten. An event that could not
 * reach every client still connected fails, and so do the later events of its order key in the batch (they must not
 * overtake it); SQS delivers them again, and clients drop what they already had by the event's id.
 */
@Singleton
@Requires(beans = {ConnectionStore.class, ConnectionSender.class})
public class LiveDelivery implements BatchWorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDelivery.class);

    private final ConnectionStore connections;
    private final ConnectionSender sender;
    private final LiveEventCodec codec;
    private final ExecutorService io;

    public LiveDelivery(ConnectionStore connections, ConnectionSender sender, LiveEventCodec codec,
                        @Named(TaskExecutors.IO) ExecutorService io) {
        this.connections = connections;
        this.sender = sender;
        this.codec = codec;
        this.io = io;
    }

    @Override
    public String type() {
        return LiveEventCodec.TYPE;
    }

    @Override
    public Set<String> handleBatch(List<WorkMessage> messages) {
        Set<String> failed = new HashSet<>();
        Set<String> blockedKeys = new HashSet<>();
        for (WorkMessage message : messages) {
            LiveEvent event;
            try {
                event = codec.decode(message.body());
            } catch (IllegalArgumentException malformed) {
                // no retry makes it well-formed: it is dropped, and said so
                LOG.error("Live event message {} dropped: {}", message.messageId(), malformed.getMessage());
                continue;
            }
            if (blockedKeys.contains(event.orderKey())) {
                failed.add(message.messageId());
                continue;
            }
            try {
                deliver(event);
            } catch (RuntimeException e) {
                LOG.warn("Live event {} not delivered to every client (delivery {}); it comes again", event.id(),
                        message.receiveCount(), e);
                failed.add(message.messageId());
                blockedKeys.add(event.orderKey());
            }
        }
        return failed;
    }

    /** Sends the event to every client listening on its channels; returns how many it reached. */
    public int deliver(LiveEvent event) {
        List<CompletableFuture<Boolean>> sends = new ArrayList<>();
        for (String connectionId : connections.subscribers(event.team(), event.channels())) {
            sends.add(CompletableFuture.supplyAsync(() -> send(connectionId, event.payload()), io));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        return (int) sends.stream().filter(CompletableFuture::join).count();
    }

    private boolean send(String connectionId, String payload) {
        if (sender.send(connectionId, payload) == ConnectionSender.Delivery.SENT) {
            return true;
        }
        connections.close(connectionId);
        return false;
    }
}
