package dev.athanor.core.net;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.net.HostResolver;
import dev.athanor.model.net.OutboundUrlRules;
import dev.athanor.model.net.RefusedAddressException;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The SSRF guard for every URL a user gives Athanor to keep or to call (provider base URLs, backend tests, the URLs of
 * a prompt-lab project): the {@link OutboundUrlRules} with this deployment's setting and its host resolver. It judges
 * a URL when it is given ({@link #problem}, {@link #require}) and every connection to a user's URL when it is made
 * ({@link #addresses}, through {@link GuardedAddressResolverGroup}), so a name re-pointed since its check cannot lead
 * a call elsewhere.
 */
@Singleton
public class OutboundUrlGuard {

    private final OutboundUrlRules rules;
    private final HostResolver resolver;

    public OutboundUrlGuard(OutboundUrlConfiguration configuration, HostResolver resolver) {
        this.rules = new OutboundUrlRules(configuration.isAllowPrivateUrls());
        this.resolver = resolver;
    }

    /** What is wrong with {@code url}, or empty when it may be called. */
    public Optional<String> problem(String url) {
        return rules.problem(url, resolver);
    }

    /**
     * @throws InvalidInputException naming {@code field} when {@code url} may not be called
     */
    public URI require(String field, String url) {
        return rules.require(field, url, resolver);
    }

    /**
     * The addresses a connection to {@code host} may use, resolved now and each judged by the rule.
     *
     * @throws RefusedAddressException when the host may not be called
     * @throws UnknownHostException    when it does not resolve
     */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        return rules.addresses(host, resolver);
    }

    public OutboundUrlRules rules() {
        return rules;
    }

    public HostResolver resolver() {
        return resolver;
    }
}
