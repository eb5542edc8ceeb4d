package dev.athanor.orchestrator.github;

import io.micronaut.core.annotation.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * GitHub's delivery signature: the {@code X-Hub-Signature-256} header is {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the body's exact bytes under the webhook's secret. Compared in constant time, so a forger learns
 * nothing from how long a wrong guess took.
 */
final class DeliverySignature {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private DeliverySignature() {
    }

    static boolean valid(byte[] body, String secret, @Nullable String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = of(body, secret).getBytes(StandardCharsets.US_ASCII);
        // hex digits compare without case; anything that is not hex cannot match
        byte[] given = header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** The header's value for {@code body}. */
    static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
