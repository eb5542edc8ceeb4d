package dev.athanor.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Ids derived from what they name, so recording the same thing twice yields the same id (idempotent writes). */
public final class StableIds {

    private StableIds() {
    }

    /** {@code prefix} + the first 16 hex digits of the SHA-256 of {@code source}. */
    public static String of(String prefix, String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
