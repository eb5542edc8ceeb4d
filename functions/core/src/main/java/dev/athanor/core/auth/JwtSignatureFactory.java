package dev.athanor.core.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Signs and verifies tokens with the key from {@link JwtSigningKey} instead of a key written in configuration.
 * The bean is declared as the interface on purpose: declared as {@link SecretSignature} it would inherit that
 * class's {@code @EachBean(SecretSignatureConfiguration.class)} and never be created, leaving tokens unsigned.
 */
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
@Factory
class JwtSignatureFactory {

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration signature(JwtSigningKey key) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(key.secret());
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }
}
