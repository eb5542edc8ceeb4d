package dev.athanor.aws.crypto;

import dev.athanor.model.secrets.SealedSecretException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKeySecretSealerTest {

    @TempDir
    Path dir;

    @Test
    void a_sealed_value_opens_to_the_plaintext_under_the_same_context() {
        LocalKeySecretSealer sealer = new LocalKeySecretSealer(dir.resolve("data-key"));

        String sealed = sealer.seal("sk-live-äöü-123", "team-a/providers/openai");

        assertTrue(sealed.startsWith("v1.local."), sealed);
        assertFalse(sealed.contains("sk-live"), sealed);
        assertEquals("sk-live-äöü-123", sealer.unseal(sealed, "team-a/providers/openai"));
    }

    @Test
    void every_seal_uses_a_fresh_iv() {
        LocalKeySecretSealer sealer = new LocalKeySecretSealer(dir.resolve("data-key"));

        String first = sealer.seal("same", "ctx");
        String second = sealer.seal("same", "ctx");

        assertNotEquals(first, second);
        byte[] a = Base64.getUrlDecoder().decode(first.substring("v1.local.".length()));
        byte[] b = Base64.getUrlDecoder().decode(second.substring("v1.local.".length()));
        assertNotEquals(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(a, 12)),
                Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(b, 12)));
        assertEquals("same", sealer.unseal(second, "ctx"));
    }

    @Test
    void a_value_sealed_for_another_context_does_not_open() {
        LocalKeySecretSealer sealer = new LocalKeySecretSealer(dir.resolve("data-key"));
        String sealed = sealer.seal("sk-1", "team-a/providers/openai");

        assertThrows(SealedSecretException.class, () -> sealer.unseal(sealed, "team-b/providers/openai"));
        assertThrows(SealedSecretException.class, () -> sealer.unseal(sealed, "team-a/providers/other"));
    }

    @Test
    void a_tampered_value_does_not_open() {
        LocalKeySecretSealer sealer = new LocalKeySecretSealer(dir.resolve("data-key"));
        String sealed = sealer.seal("sk-1", "ctx");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("v1.local.".length()));
        raw[raw.length / 2] ^= 0x01;
        String tampered = "v1.local." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThrows(SealedSecretException.class, () -> sealer.unseal(tampered, "ctx"));
        assertThrows(SealedSecretException.class, () -> sealer.unseal(sealed.substring(0, 20), "ctx"));
        assertThrows(SealedSecretException.class, () -> sealer.unseal("v1.kms.abc.def", "ctx"));
        assertThrows(SealedSecretException.class, () -> sealer.unseal("v1.local.***", "ctx"));
    }

    @Test
    void the_key_file_is_created_with_mode_600_and_reused_by_the_next_run() throws Exception {
        Path keyFile = dir.resolve("nested/data-key");
        String sealed = new LocalKeySecretSealer(keyFile).seal("sk-1", "ctx");

        assertEquals(32, Files.size(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("sk-1", new LocalKeySecretSealer(keyFile).unseal(sealed, "ctx"));
    }

    @Test
    void a_value_sealed_under_another_key_file_does_not_open() {
        String sealed = new LocalKeySecretSealer(dir.resolve("one")).seal("sk-1", "ctx");

        assertThrows(SealedSecretException.class, () -> new LocalKeySecretSealer(dir.resolve("two")).unseal(sealed, "ctx"));
    }

    @Test
    void a_key_file_of_the_wrong_size_stops_start_up() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("short"), "too short");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LocalKeySecretSealer(keyFile));
        assertTrue(e.getMessage().contains("exactly 32 bytes"), e.getMessage());
    }

    @Test
    void processes_starting_at_once_on_a_new_key_file_all_read_the_one_key_written_whole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 25; round++) {
                Path keyFile = dir.resolve("race-" + round + "/data-key");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<LocalKeySecretSealer>> sealers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    sealers.add(pool.submit(() -> {
                        go.await();
                        return new LocalKeySecretSealer(keyFile);
                    }));
                }
                go.countDown();
                String sealed = sealers.get(0).get(30, TimeUnit.SECONDS).seal("sk-1", "ctx");
                for (Future<LocalKeySecretSealer> sealer : sealers) {
                    assertEquals("sk-1", sealer.get(30, TimeUnit.SECONDS).unseal(sealed, "ctx"), "one key for all");
                }
                assertEquals(32, Files.size(keyFile));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
                try (var left = Files.list(keyFile.getParent())) {
                    assertEquals(List.of(keyFile), left.toList(), "nothing but the key file is left");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
