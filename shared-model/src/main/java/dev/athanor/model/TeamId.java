package dev.athanor.model;

import dev.athanor.model.error.InvalidInputException;

import java.util.regex.Pattern;

/** The tenant every stored item belongs to. Repositories take one on every call, so no read or write is unscoped. */
public record TeamId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public TeamId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("team_id must be 1-64 characters of letters, digits, '_', '-' or '.'");
        }
    }

    public static TeamId of(String value) {
        return new TeamId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
