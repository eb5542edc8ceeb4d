package dev.athanor.core.auth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random tokens handed to a client once (refresh tokens, invite codes, verification links) and the hashes they are
 * kept as. 32 random bytes leave nothing to guess, so one SHA-256 is enough to keep a leaked table useless.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PRESENTED = 256;

    private SecretTokens() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short random id (for user ids, team ids, token families): 16 hex characters of randomness. */
    public static String newId(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of the token, hex; null for a value no token of ours could be (missing or oversized). */
    public static String hash(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_PRESENTED) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
