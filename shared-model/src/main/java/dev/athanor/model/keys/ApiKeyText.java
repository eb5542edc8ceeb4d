package dev.athanor.model.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API key, {@code sk-ath-<key id>-<secret>}: the id names the stored key (read with one strongly
 * consistent get, so a key works the moment it is created) and the secret proves possession. Only the secret's
 * SHA-256 is stored: the secret is 256 random bits, so a fast hash is as safe as a slow one (nothing to guess) and
 * costs microseconds per check; it is compared in constant time.
 */
public final class ApiKeyText {

    public static final String PREFIX = "sk-ath-";
    /** Key ids: 16 lowercase letters and digits, so an id never contains the '-' separating it from the secret. */
    static final Pattern ID = Pattern.compile("[a-z0-9]{16}");
    /** Secrets: 43 base64url characters (32 random bytes, unpadded). */
    static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A key's text split into its parts. */
    public record Parsed(String keyId, String secret) {
    }

    private ApiKeyText() {
    }

    public static boolean looksLikeKey(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    public static String format(String keyId, String secret) {
        return PREFIX + keyId + "-" + secret;
    }

    /** The id and secret of a well-formed key; empty for anything else. */
    public static Optional<Parsed> parse(String text) {
        if (!looksLikeKey(text) || text.length() != PREFIX.length() + 16 + 1 + 43) {
            return Optional.empty();
        }
        String id = text.substring(PREFIX.length(), PREFIX.length() + 16);
        String secret = text.substring(PREFIX.length() + 17);
        if (text.charAt(PREFIX.length() + 16) != '-' || !ID.matcher(id).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(id, secret));
    }

    public static boolean isKeyId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Lowercase hex SHA-256 of the secret. */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(digest(secret));
    }

    /** Whether {@code secret} hashes to {@code storedHash}, in time that does not depend on where they differ. */
    public static boolean matches(String storedHash, String secret) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
        return MessageDigest.isEqual(stored, digest(secret));
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
