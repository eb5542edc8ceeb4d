package dev.athanor.model.pipeline;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Goes to {@code next} when every condition holds. */
@Serdeable
public record ChoiceRule(List<Condition> when, String next) {

    public ChoiceRule {
        when = when == null ? List.of() : List.copyOf(when);
        if (when.isEmpty() || next == null) {
            throw new IllegalArgumentException("a choice rule needs conditions and a next state");
        }
    }

    boolean matches(Map<String, String> vars, ToIntFunction<String> visitsOf) {
        return when.stream().allMatch(c -> c.holds(vars, visitsOf));
    }
}
