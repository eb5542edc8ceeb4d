package dev.athanor.promptlab.eval;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code athanor.prompt-lab.eval.*}: the bounds of LLM-as-judge evaluations and datasets. */
@ConfigurationProperties("athanor.prompt-lab.eval")
public class EvalConfiguration {

    /** The most samples one evaluation may ask for. */
    @Min(1)
    @Max(1000)
    private int maxSamples = 200;

    /** Samples per map item (one pipeline step); each step must end well inside its 300 s timeout. */
    @Min(1)
    @Max(50)
    private int batchSize = 5;

    /** How many samples of one batch run at once. */
    @Min(1)
    @Max(32)
    private int parallelism = 5;

    /** The largest dataset a team may upload, in bytes. */
    @Min(1)
    @Max(50_000_000)
    private int maxDatasetBytes = 1_000_000;

    /** The most datasets a team may keep. */
    @Min(1)
    @Max(10_000)
    private int maxDatasets = 100;

    public int getMaxSamples() {
        return maxSamples;
    }

    public void setMaxSamples(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public int getMaxDatasetBytes() {
        return maxDatasetBytes;
    }

    public void setMaxDatasetBytes(int maxDatasetBytes) {
        this.maxDatasetBytes = maxDatasetBytes;
    }

    public int getMaxDatasets() {
        return maxDatasets;
    }

    public void setMaxDatasets(int maxDatasets) {
        this.maxDatasets = maxDatasets;
    }
}
