package dev.athanor.model.accounts;

import java.time.Instant;

/**
 * A stored refresh token (its hash). Every token descends from one login, its family; a token is used once, by
 * being exchanged for the next one.
 *
 * @param familyRevoked whether the whole family has been revoked (logout, or a used token presented again)
 */
public record RefreshToken(String tokenHash, String familyId, String email, Instant expiresAt, boolean used,
                           boolean familyRevoked) {

    public boolean usable(Instant now) {
        return !used && !familyRevoked && now.isBefore(expiresAt);
    }
}
