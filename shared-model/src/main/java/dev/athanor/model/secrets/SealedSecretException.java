package dev.athanor.model.secrets;

/** A sealed value that cannot be opened. The message never carries the secret or the key. */
public class SealedSecretException extends RuntimeException {

    public SealedSecretException(String message) {
        super(message);
    }

    public SealedSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
