package dev.athanor.aws.crypto;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code athanor.crypto.*}: where the key that seals secrets comes from. In the cloud a KMS key
 * ({@code kms-key-id}, env {@code ATHANOR_CRYPTO_KMS_KEY_ID}); locally a key file ({@code local-key-file}, env
 * {@code ATHANOR_CRYPTO_LOCAL_KEY_FILE}), which wins when both are set. With neither, secrets cannot be stored.
 */
@ConfigurationProperties("athanor.crypto")
public interface CryptoConfiguration {

    String KMS_KEY_ID = "athanor.crypto.kms-key-id";
    String LOCAL_KEY_FILE = "athanor.crypto.local-key-file";

    @Nullable
    String getKmsKeyId();

    @Nullable
    String getLocalKeyFile();
}
