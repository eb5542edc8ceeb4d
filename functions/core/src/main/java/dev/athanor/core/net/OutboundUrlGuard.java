package dev.athanor.core.net;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.net.HostResolver;
import dev.athanor.model.net.OutboundUrlRules;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;

/**
 * The SSRF guard for every URL a user gives Athanor to call (provider base URLs, backend tests, webhooks): the
 * {@link OutboundUrlRules} with this deployment's setting, applied to every address the host resolves to.
 * A check at registration does not stop a name from being re-pointed later; clients that connect to such URLs
 * should check again at call time.
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

    public OutboundUrlRules rules() {
        return rules;
    }

    public HostResolver resolver() {
        return resolver;
    }
}
