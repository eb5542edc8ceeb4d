package dev.athanor.core.auth.accounts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_hash_matches_its_password_only() {
        String hash = hasher.hash("correct horse battery");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.matches("correct horse battery", hash));
        assertFalse(hasher.matches("correct horse batterY", hash));
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
    }

    @Test
    void missing_unreadable_or_too_costly_hashes_never_match() {
        assertFalse(hasher.matches("x", null));
        assertFalse(hasher.matches("x", "plaintext"));
        assertFalse(hasher.matches("x", "$argon2id$v=19$m=9999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA"));
    }
}
