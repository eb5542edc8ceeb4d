package dev.athanor.model.secrets;

/**
 * Port: seals secrets (provider API keys, Git tokens) for storage and opens them again. The context (for example
 * {@code "team-a/provider/openai"}) is bound into the sealed value, so a value copied onto another item does not open.
 */
public interface SecretSealer {

    /** An opaque, versioned, printable string that holds {@code plaintext} encrypted and authenticated. */
    String seal(String plaintext, String context);

    /**
     * @throws SealedSecretException when the value was altered, sealed under another context or key, or is not a
     *                               sealed value at all
     */
    String unseal(String sealed, String context);
}
