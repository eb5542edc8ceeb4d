package dev.athanor.aws.crypto;

import dev.athanor.model.secrets.SealedSecretException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM with the JDK: a fresh random 12-byte IV per message, a 128-bit tag, and associated data that binds the
 * scheme and the caller's context. Output is {@code IV || ciphertext || tag}, base64url without padding.
 */
final class AesGcm {

    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    static String encrypt(byte[] key, String plaintext, String scheme, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, scheme, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return encode(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    static String decrypt(byte[] key, String encoded, String scheme, String context) {
        byte[] in = decode(encoded);
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealedSecretException("The sealed value is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(in, IV_BYTES), scheme, context);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedSecretException("The sealed value does not open: it was altered, or sealed for another item or key");
        } catch (GeneralSecurityException e) {
            throw new SealedSecretException("The sealed value does not open", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String scheme, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("athanor-sealed/" + scheme + "/" + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException("The sealed value is not valid base64url");
        }
    }

    static void requireContext(String context) {
        if (context == null || context.isEmpty()) {
            throw new IllegalArgumentException("A sealing context is required");
        }
    }
}
