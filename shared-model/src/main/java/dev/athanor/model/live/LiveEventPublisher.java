package dev.athanor.model.live;

import java.util.List;

/**
 * Hands events to the channel that delivers them to clients (a queue), off the path of the change that caused them.
 * Returns once they are accepted; an event accepted twice (same id) is delivered once where the channel can tell.
 */
public interface LiveEventPublisher {

    void publish(List<LiveEvent> events);
}
