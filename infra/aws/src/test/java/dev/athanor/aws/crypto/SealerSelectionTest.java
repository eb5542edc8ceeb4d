package dev.athanor.aws.crypto;

import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealerSelectionTest {

    @TempDir
    Path dir;

    @Test
    void the_local_key_file_wins_when_both_are_set() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "athanor.crypto.kms-key-id", "DataKey",
                "athanor.crypto.local-key-file", dir.resolve("data-key").toString(),
                "aws.region", "us-east-1"))) {
            assertEquals(1, context.getBeansOfType(SecretSealer.class).size());
            assertInstanceOf(LocalKeySecretSealer.class, context.getBean(SecretSealer.class));
        }
    }

    @Test
    void no_sealer_exists_when_neither_is_set() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("aws.region", "us-east-1"))) {
            assertTrue(context.findBean(SecretSealer.class).isEmpty());
        }
    }
}
