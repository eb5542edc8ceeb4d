package dev.athanor.core.pipeline;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code athanor.pipeline.*}: how the engine meets SQS's delivery rules. */
@ConfigurationProperties("athanor.pipeline")
public class PipelineConfiguration {

    /** The work queue's maxReceiveCount (template.yaml): on that delivery a failing step fails its execution. */
    @Min(1)
    @Max(1000)
    private int maxReceiveCount = 5;

    /** Added to a step's timeout for its lease: no second delivery starts the step while the first may run. */
    @Min(1)
    @Max(300)
    private int leaseMarginSeconds = 30;

    /** How many executions' last written copies a worker keeps to start their next step without a read. */
    @Min(1)
    @Max(100_000)
    private int recentExecutions = 256;

    /**
     * How long after a commit the sweeper sends its outbox again when the outbox's effect has not been seen (a step
     * not started, an approval's checkpoint, an end entry). Longer than the work queue's visibility timeout (360 s),
     * so that a step message SQS is about to deliver again is not also re-sent.
     */
    @Min(1)
    @Max(86_400)
    private int sweepAfterSeconds = 600;

    /** The most executions one sweep looks at; the rest wait for the next sweep. */
    @Min(1)
    @Max(10_000)
    private int sweepLimit = 500;

    public int getSweepAfterSeconds() {
        return sweepAfterSeconds;
    }

    public void setSweepAfterSeconds(int sweepAfterSeconds) {
        this.sweepAfterSeconds = sweepAfterSeconds;
    }

    public int getSweepLimit() {
        return sweepLimit;
    }

    public void setSweepLimit(int sweepLimit) {
        this.sweepLimit = sweepLimit;
    }

    public int getMaxReceiveCount() {
        return maxReceiveCount;
    }

    public void setMaxReceiveCount(int maxReceiveCount) {
        this.maxReceiveCount = maxReceiveCount;
    }

    public int getLeaseMarginSeconds() {
        return leaseMarginSeconds;
    }

    public void setLeaseMarginSeconds(int leaseMarginSeconds) {
        this.leaseMarginSeconds = leaseMarginSeconds;
    }

    public int getRecentExecutions() {
        return recentExecutions;
    }

    public void setRecentExecutions(int recentExecutions) {
        this.recentExecutions = recentExecutions;
    }
}
