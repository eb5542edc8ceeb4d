package dev.athanor.sql.datasource;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code athanor.ledger.*}. In the cloud the ledger's PostgreSQL password is read from Secrets Manager
 * ({@code password-secret-arn}, env {@code ATHANOR_LEDGER_PASSWORD_SECRET_ARN}); the URL and user are plain
 * {@code datasources.default.*} settings.
 */
@ConfigurationProperties("athanor.ledger")
public interface LedgerConfiguration {

    @Nullable
    String getPasswordSecretArn();
}
