package dev.athanor.model.pipeline;

import dev.athanor.model.TeamId;

/** Port: the queue that carries step messages to the worker. */
public interface StepQueue {

    /** Sends the message of one step, delivered after {@code delaySeconds} (0-900). */
    void send(TeamId team, String pipeline, String execution, Command runStep);
}
