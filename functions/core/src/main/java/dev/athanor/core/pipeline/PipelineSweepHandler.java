package dev.athanor.core.pipeline;

import dev.athanor.core.work.WorkHandler;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The sweep message the schedule puts on the work queue every minute ({@code SweepSchedule} in template.yaml; the
 * local platform sends it on a timer): one {@link PipelineSweeper#sweep} of the executions that are overdue. A sweep
 * that throws is retried by SQS like any message; a missed one is made up by the next.
 */
@Singleton
@Requires(beans = PipelineSweeper.class)
public class PipelineSweepHandler implements WorkHandler {

    /** The work type the schedule names in the message body (EventBridge cannot set message attributes). */
    public static final String TYPE = "pipeline.sweep";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSweepHandler.class);

    private final PipelineSweeper sweeper;
    private final Clock clock;

    public PipelineSweepHandler(PipelineSweeper sweeper, Clock clock) {
        this.sweeper = sweeper;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(WorkMessage message) {
        int resent = sweeper.sweep(clock.instant());
        if (resent > 0) {
            LOG.info("Sweep: step messages of {} execution(s) sent again", resent);
        }
    }
}
