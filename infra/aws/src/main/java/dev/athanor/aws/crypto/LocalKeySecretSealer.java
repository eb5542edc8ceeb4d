package dev.athanor.aws.crypto;

import dev.athanor.model.secrets.SealedSecretException;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Seals with a 32-byte AES key kept in a file (the local platform's data directory), created with mode 600 on first
 * use so values sealed in one run open in the next. Sealed values look like {@code v1.local.<base64url>}.
 */
@Singleton
@Requires(property = CryptoConfiguration.LOCAL_KEY_FILE)
public class LocalKeySecretSealer implements SecretSealer {

    static final String PREFIX = "v1.local.";
    private static final String SCHEME = "v1.local";

    private final byte[] key;

    @Inject
    LocalKeySecretSealer(CryptoConfiguration configuration) {
        this(Path.of(Objects.requireNonNull(configuration.getLocalKeyFile())));
    }

    public LocalKeySecretSealer(Path keyFile) {
        this.key = readOrCreate(keyFile);
    }

    @Override
    public String seal(String plaintext, String context) {
        AesGcm.requireContext(context);
        return PREFIX + AesGcm.encrypt(key, Objects.requireNonNull(plaintext, "plaintext"), SCHEME, context);
    }

    @Override
    public String unseal(String sealed, String context) {
        AesGcm.requireContext(context);
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SealedSecretException("Not a value sealed with the local key");
        }
        return AesGcm.decrypt(key, sealed.substring(PREFIX.length()), SCHEME, context);
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != AesGcm.KEY_BYTES) {
                throw new IllegalStateException("The key file " + file + " must hold exactly " + AesGcm.KEY_BYTES
                        + " bytes; it holds " + bytes.length);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }

    /**
     * Writes a fresh key to a file of its own, then links it in place: the key file appears whole or not at all, so
     * a process starting at the same moment never reads it half written. When another got there first, its key is
     * used.
     */
    private static void create(Path file) throws IOException {
        byte[] fresh = new byte[AesGcm.KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path written;
        try {
            // created with its final mode in one step, so the key is never readable by others, not even briefly
            written = Files.createTempFile(parent, ".data-key", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            written = Files.createTempFile(parent, ".data-key", ".new");
        }
        try {
            Files.write(written, fresh);
            try {
                Files.createLink(file, written); // fails when the key file exists
            } catch (FileAlreadyExistsException raced) {
                throw raced;
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.move(written, file); // fails when the key file exists
            }
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
