package dev.athanor.model.live;

import dev.athanor.model.TeamId;

import java.util.List;

/**
 * An event to push to the team's clients listening on any of {@code channels}.
 *
 * @param id       stable for the state change it reports, so a client drops a copy delivered twice
 * @param orderKey events with the same key reach each client in the order they were published (a task's id)
 * @param payload  the JSON text sent to clients as it is
 */
public record LiveEvent(String id, TeamId team, String orderKey, List<String> channels, String payload) {

    public LiveEvent {
        channels = List.copyOf(channels);
    }
}
