package dev.athanor.gateway.analytics;

/**
 * The user ids analytics are kept under: the accounts' ids and whatever ids a team's clients report (an e-mail
 * address, a number, a name), so any text of 1 to 255 characters without control characters and not blank.
 */
final class UserIds {

    private UserIds() {
    }

    /** What is wrong with {@code value} as a user id (or a model id), or null when nothing is. */
    static String problem(String value) {
        if (value.isBlank()) {
            return "must not be blank";
        }
        if (value.length() > UsageReportParser.MAX_ID_LENGTH) {
            return "must be at most " + UsageReportParser.MAX_ID_LENGTH + " characters";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }
}
