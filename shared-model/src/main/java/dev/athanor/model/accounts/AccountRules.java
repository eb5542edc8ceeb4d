package dev.athanor.model.accounts;

import dev.athanor.model.error.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a registration must look like. Passwords are 8 to 128 characters without control characters (the upper bound
 * keeps Argon2id's input, and so the cost of one login, bounded); emails are an address of at most 254 characters with a dotted domain, compared
 * in lower case; a full name is at most 200 characters.
 */
public final class AccountRules {

    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 128;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_FULL_NAME = 200;

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private AccountRules() {
    }

    /** The email as stored and looked up: trimmed and lower-cased. */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException naming the field when the email is not an address */
    public static String requireEmail(String field, String email) {
        String normalized = normalizeEmail(email);
        if (normalized == null || normalized.isEmpty()) {
            throw invalid(field, "is required");
        }
        int at = normalized.indexOf('@');
        if (normalized.length() > MAX_EMAIL || !EMAIL.matcher(normalized).matches() || at > MAX_LOCAL_PART
                || normalized.startsWith(".") || normalized.contains("..") || normalized.charAt(at - 1) == '.') {
            throw invalid(field, "must be a valid email address");
        }
        return normalized;
    }

    /** @throws InvalidInputException when the password is missing, too short or too long */
    public static void requirePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw invalid("password", "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD) {
            throw invalid("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        if (length > MAX_PASSWORD) {
            throw invalid("password", "must be at most " + MAX_PASSWORD + " characters");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            // NUL and friends are cut off or refused by many a client and terminal: the password could not be typed again
            throw invalid("password", "must not contain control characters");
        }
    }

    /** The full name trimmed, or null when none was given. */
    public static String fullName(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return null;
        }
        String trimmed = fullName.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_FULL_NAME) {
            throw invalid("full_name", "must be at most " + MAX_FULL_NAME + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw invalid("full_name", "must not contain control characters");
        }
        return trimmed;
    }

    private static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(field + " " + problem, Map.of(field, List.of(problem)));
    }
}
