package dev.athanor.orchestrator.github;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitHub's X-Hub-Signature-256, checked against the example in GitHub's "Validating webhook deliveries". */
class DeliverySignatureTest {

    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String GITHUBS =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void the_documented_example_signature_is_the_hmac_of_the_body_under_the_secret() {
        assertEquals(GITHUBS, DeliverySignature.of(BODY, SECRET));
        assertTrue(DeliverySignature.valid(BODY, SECRET, GITHUBS));
        assertTrue(DeliverySignature.valid(BODY, SECRET, GITHUBS.toUpperCase().replace("SHA256=", "sha256=")),
                "hex digits in either case");
    }

    @Test
    void another_body_secret_algorithm_or_shape_of_header_does_not_pass() {
        assertFalse(DeliverySignature.valid("Hello, World?".getBytes(StandardCharsets.UTF_8), SECRET, GITHUBS));
        assertFalse(DeliverySignature.valid(BODY, "another secret", GITHUBS));
        assertFalse(DeliverySignature.valid(BODY, SECRET, GITHUBS.substring("sha256=".length())), "no prefix");
        assertFalse(DeliverySignature.valid(BODY, SECRET, GITHUBS.replace("sha256=", "sha1=")));
        assertFalse(DeliverySignature.valid(BODY, SECRET, GITHUBS.substring(0, GITHUBS.length() - 2)), "cut short");
        assertFalse(DeliverySignature.valid(BODY, SECRET, ""));
        assertFalse(DeliverySignature.valid(BODY, SECRET, null));
    }
}
