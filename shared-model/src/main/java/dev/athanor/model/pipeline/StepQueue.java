package dev.athanor.model.pipeline;

import dev.athanor.model.TeamId;

/** Port: the queue that carries step messages to the worker, and the one codec of their bodies. */
public interface StepQueue {

    /** The work type of step messages, which routes them to the pipeline engine. */
    String TYPE = "pipeline.step";

    /** Sends the message of one step, delivered after {@code delaySeconds} (0-900). */
    void send(TeamId team, String pipeline, String execution, Command runStep);

    /**
     * Reads the body of a message {@link #send} sent.
     *
     * @throws IllegalArgumentException when it is not a step message
     */
    StepMessage read(String body);
}
