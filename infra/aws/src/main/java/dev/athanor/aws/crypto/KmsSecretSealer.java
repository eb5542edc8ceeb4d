package dev.athanor.aws.crypto;

import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.secrets.SealedSecretException;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Envelope encryption under a KMS key: each seal asks KMS for a fresh AES-256 data key, encrypts with it locally and
 * keeps only the KMS-encrypted copy of the data key inside the sealed value
 * ({@code v1.kms.<encrypted data key>.<IV || ciphertext || tag>}). Opening asks KMS to decrypt the data key once;
 * decrypted data keys are then cached in memory, so reading a provider's key on every LLM call costs no KMS call.
 * Used when {@code athanor.crypto.kms-key-id} is set and no local key file is.
 */
@Singleton
@Requires(property = CryptoConfiguration.KMS_KEY_ID)
@Requires(missingProperty = CryptoConfiguration.LOCAL_KEY_FILE)
public class KmsSecretSealer implements SecretSealer {

    static final String PREFIX = "v1.kms.";
    private static final String SCHEME = "v1.kms";
    private static final int CACHE_SIZE = 1024;

    private final BeanProvider<KmsClient> kms;
    private final String keyId;
    private final Map<String, byte[]> dataKeys = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    // a provider, so a function that never seals or opens a secret never builds the client
    KmsSecretSealer(BeanProvider<KmsClient> kms, CryptoConfiguration configuration) {
        this.kms = kms;
        this.keyId = Objects.requireNonNull(configuration.getKmsKeyId());
    }

    @Override
    public String seal(String plaintext, String context) {
        AesGcm.requireContext(context);
        Objects.requireNonNull(plaintext, "plaintext");
        GenerateDataKeyResponse dataKey;
        try {
            dataKey = kms.get().generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256));
        } catch (SdkException e) {
            throw new UnavailableException("The key service could not create a data key: " + e.getMessage(), e);
        }
        String encryptedKey = AesGcm.encode(dataKey.ciphertextBlob().asByteArray());
        byte[] key = dataKey.plaintext().asByteArray();
        dataKeys.put(encryptedKey, key);
        return PREFIX + encryptedKey + "." + AesGcm.encrypt(key, plaintext, SCHEME, context);
    }

    @Override
    public String unseal(String sealed, String context) {
        AesGcm.requireContext(context);
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SealedSecretException("Not a value sealed with KMS");
        }
        String rest = sealed.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new SealedSecretException("The sealed value is malformed");
        }
        String encryptedKey = rest.substring(0, dot);
        return AesGcm.decrypt(dataKey(encryptedKey), rest.substring(dot + 1), SCHEME, context);
    }

    private byte[] dataKey(String encryptedKey) {
        byte[] cached = dataKeys.get(encryptedKey);
        if (cached != null) {
            return cached;
        }
        byte[] blob = AesGcm.decode(encryptedKey);
        byte[] key;
        try {
            key = kms.get().decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(blob)))
                    .plaintext().asByteArray();
        } catch (InvalidCiphertextException e) {
            throw new SealedSecretException("The key service does not recognise the sealed data key");
        } catch (SdkException e) {
            throw new UnavailableException("The key service could not open a data key: " + e.getMessage(), e);
        }
        if (key.length != AesGcm.KEY_BYTES) {
            throw new SealedSecretException("The key service returned a data key of the wrong size");
        }
        dataKeys.put(encryptedKey, key);
        return key;
    }
}
