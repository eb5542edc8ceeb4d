package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One sample of an evaluation dataset: the variables a prompt is rendered with, and, when the dataset has one, the
 * reference answer the judge compares the model's answer with.
 */
@Serdeable
public record EvalSample(Map<String, String> variables, @Nullable String expected) {

    public EvalSample {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
