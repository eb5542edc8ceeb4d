package dev.athanor.core.auth.accounts;

import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (Bouncy Castle) with OWASP's minimum parameters: 19 MiB of memory, 2 passes, 1 lane, a 16-byte random
 * salt and a 32-byte hash, kept in the PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so the
 * parameters can be raised later without breaking stored hashes.
 */
@Singleton
public class PasswordHasher {

    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    // bounds on what a stored hash may ask for, so a corrupt or planted one cannot make a login run for minutes
    private static final int MAX_MEMORY_KIB = 262_144;
    private static final int MAX_ITERATIONS = 10;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    // checked against when no account exists, so that an unknown email costs what a wrong password does: a stored
    // form with today's parameters and random salt and hash bytes, which no password derives to. Not a real hash, so
    // that building this singleton (at every cold start of a function) costs no Argon2 run
    private final String dummy = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
            + B64.encodeToString(randomBytes(SALT_BYTES)) + "$" + B64.encodeToString(randomBytes(HASH_BYTES));

    public String hash(String password) {
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code stored}; a null or unreadable {@code stored} never matches. */
    public boolean matches(String password, String stored) {
        Matcher phc = stored == null ? null : PHC.matcher(stored);
        if (phc == null || !phc.matches()) {
            matches(password, dummy);
            return false;
        }
        int memory = Integer.parseInt(phc.group(1));
        int iterations = Integer.parseInt(phc.group(2));
        int parallelism = Integer.parseInt(phc.group(3));
        if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] salt = B64_DECODE.decode(phc.group(4));
        byte[] expected = B64_DECODE.decode(phc.group(5));
        byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Does the work of a check and fails: for logins of unknown accounts. */
    public void matchNothing(String password) {
        matches(password, dummy);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism,
                                 int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
