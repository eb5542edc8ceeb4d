package dev.athanor.model.accounts;

import java.time.Instant;
import java.util.Optional;

/** Refresh tokens by hash, grouped in families (one per login). */
public interface RefreshTokenStore {

    /** Starts a family with its first token. */
    void startFamily(String familyId, String email, String tokenHash, Instant expiresAt);

    Optional<RefreshToken> find(String tokenHash);

    /**
     * Marks {@code current} used and stores {@code nextHash} in its family, atomically and only if {@code current}
     * is still unused, unexpired and its family not revoked.
     *
     * @return false when another request used {@code current} first, or the family was revoked meanwhile
     */
    boolean rotate(RefreshToken current, String nextHash, Instant nextExpiresAt, Instant now);

    /** Revokes every token of the family, those issued already and any it could still issue. */
    void revokeFamily(String familyId, Instant keepUntil);
}
