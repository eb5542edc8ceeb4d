package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * One test of a choice rule. Either on a variable ({@code variable} with {@code equals} or {@code notEquals}; a
 * missing variable equals nothing) or on how often a state was entered ({@code visits} below the number
 * {@code below}, or below the integer held by the variable {@code belowVariable}).
 */
@Serdeable
public record Condition(@Nullable String variable, @Nullable String equals, @Nullable String notEquals,
                        @Nullable String visits, @Nullable Integer below, @Nullable String belowVariable) {

    public Condition {
        boolean onVariable = variable != null;
        boolean onVisits = visits != null;
        if (onVariable == onVisits) {
            throw new IllegalArgumentException("a condition tests either a variable or the visits of a state");
        }
        if (onVariable && (equals == null) == (notEquals == null)) {
            throw new IllegalArgumentException("a condition on '" + variable + "' needs exactly one of equals, notEquals");
        }
        if (onVisits && (below == null) == (belowVariable == null)) {
            throw new IllegalArgumentException("a condition on visits of '" + visits + "' needs below or belowVariable");
        }
    }

    public static Condition variableEquals(String variable, String value) {
        return new Condition(variable, value, null, null, null, null);
    }

    public static Condition visitsBelow(String state, String limitVariable) {
        return new Condition(null, null, null, state, null, limitVariable);
    }

    boolean holds(Map<String, String> vars, ToIntFunction<String> visitsOf) {
        if (variable != null) {
            String value = vars.get(variable);
            return equals != null ? equals.equalsIgnoreCase(String.valueOf(value))
                    : !notEquals.equalsIgnoreCase(String.valueOf(value));
        }
        int limit = below != null ? below : parse(vars.get(belowVariable));
        return visitsOf.applyAsInt(visits) < limit;
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
