package dev.athanor.local.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local JWT signing key and admin key: generated once into files under the data directory (mode 600) so tokens
 * survive a restart, or kept in memory for an in-memory run. {@code ATHANOR_ADMIN_KEY} overrides the admin key.
 * The file that seals provider API keys ({@code data-key}, 32 bytes, created by the sealer with mode 600) sits next
 * to them; an in-memory run uses one in a temporary directory removed at exit, as its data is.
 */
record LocalSecrets(String jwtSecret, String adminKey, Path dataKeyFile) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalSecrets load(Path dataDir, String adminKeyOverride) throws IOException {
        String jwt = dataDir == null ? random(48) : readOrCreate(dataDir.resolve("jwt-secret"), 48);
        String admin = adminKeyOverride != null && !adminKeyOverride.isBlank() ? adminKeyOverride
                : dataDir == null ? random(24) : readOrCreate(dataDir.resolve("admin-key"), 24);
        Path dataKey = dataDir == null ? temporaryKeyFile() : dataDir.resolve("data-key");
        return new LocalSecrets(jwt, admin, dataKey);
    }

    private static Path temporaryKeyFile() throws IOException {
        Path dir = Files.createTempDirectory("athanor-keys", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("data-key");
        // deleted in reverse order of registration: the file, then its directory
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        return file;
    }

    private static String readOrCreate(Path file, int bytes) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        Files.createDirectories(file.getParent());
        String value = random(bytes);
        Files.writeString(file, value, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        return value;
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
