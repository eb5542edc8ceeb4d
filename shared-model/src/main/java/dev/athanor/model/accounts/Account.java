package dev.athanor.model.accounts;

import dev.athanor.model.TeamId;

import java.time.Instant;

/**
 * A person who signs in with an email and a password. The email (normalised, see {@link AccountRules}) is how an
 * account is found at login, so it is the one lookup not made under a team key; the team and role it belongs to
 * then scope everything its tokens do.
 *
 * @param passwordHash the Argon2id hash in PHC string form; never shown
 */
public record Account(String userId, String email, String passwordHash, String fullName, TeamId team, String role,
                      boolean verified, Instant createdAt) {

    public Account verifiedNow() {
        return new Account(userId, email, passwordHash, fullName, team, role, true, createdAt);
    }

    @Override
    public String toString() {
        // the hash stays out of logs and exception messages
        return "Account[userId=" + userId + ", team=" + team + ", role=" + role + ", verified=" + verified + "]";
    }
}
