package dev.athanor.aws.secrets;

import dev.athanor.model.secrets.SecretReader;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@Singleton
class SecretsManagerSecretReader implements SecretReader {

    // a provider, so functions that never read a secret never build the client
    private final BeanProvider<SecretsManagerClient> client;

    SecretsManagerSecretReader(BeanProvider<SecretsManagerClient> client) {
        this.client = client;
    }

    @Override
    public String read(String secretId) {
        return client.get().getSecretValue(r -> r.secretId(secretId)).secretString();
    }
}
