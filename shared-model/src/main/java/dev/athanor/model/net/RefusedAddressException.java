package dev.athanor.model.net;

import java.net.UnknownHostException;

/**
 * A host the outbound URL rule does not let a connection reach: to the HTTP client it is a host that does not
 * resolve, so no connection is attempted. The message says why, in the rule's words.
 */
public class RefusedAddressException extends UnknownHostException {

    private final String host;
    private final String problem;

    public RefusedAddressException(String host, String problem) {
        super(host + " " + problem);
        this.host = host;
        this.problem = problem;
    }

    public String host() {
        return host;
    }

    /** What is wrong, as {@link OutboundUrlRules#problem} words it ("must not point at ..."). */
    public String problem() {
        return problem;
    }
}
