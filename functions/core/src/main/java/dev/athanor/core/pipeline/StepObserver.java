package dev.athanor.core.pipeline;

/**
 * Told how long each step took, split into the step's own work (the executor: the LLM call, artifact writes) and the
 * engine's (reads, conditional commits, sends, progress entries). Benchmarks and metrics listen here.
 */
public interface StepObserver {

    void stepRan(String pipeline, String state, long engineNanos, long executorNanos);
}
