package dev.athanor.core.auth;

import dev.athanor.model.secrets.SecretReader;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** The HS256 key every surface signs and verifies tokens with, from configuration or Secrets Manager. */
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
@Singleton
public class JwtSigningKey {

    static final int MIN_BYTES = 32;

    private final String secret;

    public JwtSigningKey(AuthConfiguration configuration, SecretReader secrets) {
        String value = configuration.getJwtSecret();
        if (isBlank(value) && !isBlank(configuration.getJwtSecretArn())) {
            value = secrets.read(configuration.getJwtSecretArn());
        }
        if (isBlank(value)) {
            throw new IllegalStateException("No JWT signing key: set athanor.auth.jwt-secret or athanor.auth.jwt-secret-arn");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException("The JWT signing key must be at least " + MIN_BYTES + " bytes");
        }
        this.secret = value;
    }

    String secret() {
        return secret;
    }

    /**
     * A key for another purpose (such as CSRF tokens), derived from this one as HMAC-SHA256 of the purpose, so that
     * no second secret has to be kept and a token of one purpose is never valid for another.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
