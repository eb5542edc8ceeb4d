package dev.athanor.model.error;

/** A service Athanor called on the caller's behalf (a Git host, say) failed or did not answer in time (502). */
public class UpstreamException extends DomainException {

    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
