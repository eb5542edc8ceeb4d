package dev.athanor.aws.crypto;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.secrets.SealedSecretException;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KMS path against a fake of KMS's documented JSON protocol: {@code POST /} with
 * {@code X-Amz-Target: TrentService.<Operation>} and {@code application/x-amz-json-1.1} bodies, blobs in base64.
 */
class KmsSecretSealerTest {

    private static final String KEY_ID = "alias/athanor-test";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final byte[] DATA_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED_DATA_KEY = "kms-encrypted-data-key-blob-0001".getBytes(StandardCharsets.US_ASCII);
    private static final String JSON = "application/x-amz-json-1.1";

    private WireMockServer kms;

    @BeforeEach
    void startFakeKms() {
        kms = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        kms.start();
        String b64Blob = Base64.getEncoder().encodeToString(ENCRYPTED_DATA_KEY);
        String b64Key = Base64.getEncoder().encodeToString(DATA_KEY);
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                        .withBody("{\"CiphertextBlob\":\"" + b64Blob + "\",\"KeyId\":\"" + KEY_ARN
                                + "\",\"Plaintext\":\"" + b64Key + "\"}")));
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withRequestBody(matchingJsonPath("$.CiphertextBlob", equalTo(b64Blob)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                        .withBody("{\"KeyId\":\"" + KEY_ARN + "\",\"Plaintext\":\"" + b64Key
                                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}")));
    }

    @AfterEach
    void stopFakeKms() {
        kms.stop();
    }

    private ApplicationContext context() {
        return ApplicationContext.run(Map.of(
                "athanor.crypto.kms-key-id", KEY_ID,
                "aws.region", "us-east-1",
                "aws.access-key-id", "test",
                "aws.secret-key", "test",
                "aws.services.kms.endpoint-override", kms.baseUrl()));
    }

    @Test
    void sealing_asks_kms_for_an_aes_256_data_key_and_stores_only_its_encrypted_copy() {
        try (ApplicationContext context = context()) {
            SecretSealer sealer = context.getBean(SecretSealer.class);
            assertInstanceOf(KmsSecretSealer.class, sealer);

            String sealed = sealer.seal("sk-live-1", "team-a/providers/openai");

            String[] parts = sealed.split("\\.");
            assertEquals("v1", parts[0]);
            assertEquals("kms", parts[1]);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(ENCRYPTED_DATA_KEY), parts[2]);
            assertFalse(sealed.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(DATA_KEY)));
            kms.verify(1, postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                    .withHeader("Content-Type", equalTo(JSON))
                    .withRequestBody(equalToJson("{\"KeyId\":\"" + KEY_ID + "\",\"KeySpec\":\"AES_256\"}")));
            // the data key this instance generated is cached: opening needs no Decrypt call
            assertEquals("sk-live-1", sealer.unseal(sealed, "team-a/providers/openai"));
            kms.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt")));
        }
    }

    @Test
    void another_process_opens_the_value_with_one_decrypt_call_and_then_from_its_cache() {
        String sealed;
        try (ApplicationContext context = context()) {
            sealed = context.getBean(SecretSealer.class).seal("sk-live-2", "team-a/providers/anthropic");
        }
        try (ApplicationContext context = context()) {
            SecretSealer sealer = context.getBean(SecretSealer.class);

            assertEquals("sk-live-2", sealer.unseal(sealed, "team-a/providers/anthropic"));
            assertEquals("sk-live-2", sealer.unseal(sealed, "team-a/providers/anthropic"));

            kms.verify(1, postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                    .withRequestBody(matchingJsonPath("$.KeyId", equalTo(KEY_ID))));
        }
    }

    @Test
    void wrong_context_and_tampering_are_rejected() {
        try (ApplicationContext context = context()) {
            SecretSealer sealer = context.getBean(SecretSealer.class);
            String sealed = sealer.seal("sk-live-3", "team-a/providers/openai");
            // flip a ciphertext byte (editing a base64 character could change only its unused padding bits)
            int dot = sealed.lastIndexOf('.');
            byte[] payload = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
            payload[payload.length / 2] ^= 0x01;
            String tampered = sealed.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);

            assertThrows(SealedSecretException.class, () -> sealer.unseal(sealed, "team-b/providers/openai"));
            assertThrows(SealedSecretException.class, () -> sealer.unseal(tampered, "team-a/providers/openai"));
            assertThrows(SealedSecretException.class, () -> sealer.unseal("v1.kms.nodot", "team-a/providers/openai"));
        }
    }

    @Test
    void a_kms_failure_is_reported_as_unavailable_without_the_secret() {
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"NotFoundException\",\"message\":\"Alias is not found.\"}")));
        try (ApplicationContext context = context()) {
            SecretSealer sealer = context.getBean(SecretSealer.class);

            UnavailableException e = assertThrows(UnavailableException.class, () -> sealer.seal("sk-live-4", "ctx"));
            assertTrue(e.getMessage().contains("Alias is not found"), e.getMessage());
            assertFalse(e.getMessage().contains("sk-live-4"));
        }
    }
}
