package dev.athanor.sql.datasource;

import dev.athanor.model.secrets.SecretReader;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Sets the default datasource's password from Secrets Manager before the pool is built, so the password never sits
 * in an environment variable. The secret is either the bare password or the JSON RDS writes
 * ({@code {"username": ..., "password": ...}}).
 */
@Singleton
@Requires(property = "athanor.ledger.password-secret-arn")
@Requires(property = "datasources.default.url")
class SecretDatasourcePassword implements BeanCreatedEventListener<DatasourceConfiguration> {

    private final LedgerConfiguration configuration;
    private final BeanProvider<SecretReader> secrets;
    private final BeanProvider<JsonMapper> json;

    SecretDatasourcePassword(LedgerConfiguration configuration, BeanProvider<SecretReader> secrets,
                             BeanProvider<JsonMapper> json) {
        this.configuration = configuration;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if ("default".equals(datasource.getName())) {
            datasource.setPassword(password(secrets.get().read(configuration.getPasswordSecretArn())));
        }
        return datasource;
    }

    String password(String secret) {
        String value = secret == null ? "" : secret.strip();
        if (!value.startsWith("{")) {
            return value;
        }
        try {
            Object password = json.get().readValue(value, Map.class).get("password");
            if (password == null) {
                throw new IllegalStateException("The ledger secret is JSON without a 'password' field");
            }
            return password.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("The ledger secret is neither a password nor valid JSON", e);
        }
    }
}
