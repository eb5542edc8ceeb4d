package dev.athanor.core.webhook;

import io.micronaut.core.annotation.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The signature Git hosts put on webhook deliveries: the lower-case hex HMAC-SHA256 of the body's exact bytes under
 * the hook's secret (GitHub sends it as {@code sha256=<hex>}, Gitea bare). Compared in constant time, so a forger
 * learns nothing from how long a wrong guess took.
 */
public final class HmacSignature {

    private HmacSignature() {
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String hex(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code given} (hex, any case, after {@code prefix}) is the body's signature under the secret. */
    public static boolean valid(byte[] body, String secret, String prefix, @Nullable String given) {
        if (given == null || !given.strip().toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return false;
        }
        byte[] expected = (prefix + hex(body, secret)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.strip().toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether two secrets are equal (GitLab sends the secret itself), in constant time. */
    public static boolean sameSecret(String secret, @Nullable String given) {
        return given != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
