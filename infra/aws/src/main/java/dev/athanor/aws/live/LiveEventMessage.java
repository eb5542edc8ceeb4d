package dev.athanor.aws.live;

import dev.athanor.model.TeamId;
import dev.athanor.model.live.LiveEvent;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** A live event as the events queue carries it. */
@Serdeable(naming = SnakeCaseStrategy.class)
record LiveEventMessage(String id, String teamId, String orderKey, List<String> channels, String payload) {

    static LiveEventMessage of(LiveEvent event) {
        return new LiveEventMessage(event.id(), event.team().value(), event.orderKey(), event.channels(),
                event.payload());
    }

    LiveEvent toEvent() {
        return new LiveEvent(id, TeamId.of(teamId), orderKey, channels, payload);
    }
}
