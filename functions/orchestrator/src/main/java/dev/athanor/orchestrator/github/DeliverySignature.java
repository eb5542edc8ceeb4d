package dev.athanor.orchestrator.github;

import dev.athanor.core.webhook.HmacSignature;
import io.micronaut.core.annotation.Nullable;

/**
 * GitHub's delivery signature: the {@code X-Hub-Signature-256} header is {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the body's exact bytes under the webhook's secret, compared in constant time.
 */
final class DeliverySignature {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private DeliverySignature() {
    }

    static boolean valid(byte[] body, String secret, @Nullable String header) {
        return HmacSignature.valid(body, secret, PREFIX, header);
    }

    /** The header's value for {@code body}. */
    static String of(byte[] body, String secret) {
        return PREFIX + HmacSignature.hex(body, secret);
    }
}
