package dev.athanor.model.net;

import dev.athanor.model.error.InvalidInputException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which URLs Athanor may call on a user's behalf (provider base URLs, backend tests, webhooks): http(s) only, no
 * credentials in the URL, never a link-local or metadata address, and loopback or private addresses only when the
 * operator allows them (a local platform talking to Ollama on localhost). Every address a host resolves to must
 * pass, so a name pointing at a private address is caught too.
 */
public final class OutboundUrlRules {

    public static final int MAX_LENGTH = 2048;

    private final boolean allowPrivate;

    public OutboundUrlRules(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** What is wrong with {@code url}, or empty when it may be called. */
    public Optional<String> problem(String url, HostResolver resolver) {
        if (url == null || url.isBlank()) {
            return Optional.of("must be an http or https URL");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("host '" + host + "' does not resolve");
        }
        if (addresses == null || addresses.isEmpty()) {
            return Optional.of("host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClass.of(address);
            if (kind == AddressClass.METADATA) {
                return Optional.of("must not point at a link-local or metadata address");
            }
            if (kind == AddressClass.PRIVATE && !allowPrivate) {
                return Optional.of("must not point at a loopback or private address");
            }
        }
        return Optional.empty();
    }

    /**
     * @throws InvalidInputException naming {@code field} when {@code url} may not be called
     */
    public URI require(String field, String url, HostResolver resolver) {
        problem(url, resolver).ifPresent(problem -> {
            throw new InvalidInputException(field + " " + problem, Map.of(field, List.of(problem)));
        });
        return URI.create(url.strip());
    }
}
