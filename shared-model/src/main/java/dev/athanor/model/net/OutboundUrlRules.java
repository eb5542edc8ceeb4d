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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URLs Athanor may call on a user's behalf (provider base URLs, backend tests, the URLs a prompt-lab project
 * keeps): http(s) only, no credentials in the URL, never a link-local, metadata, unspecified, multicast or reserved
 * address, and loopback or private addresses only when the operator allows them (a local platform talking to
 * Ollama on localhost).
 *
 * <p>A host is judged by the addresses it stands for, not by how it is spelled: an IPv4 address in any form the C
 * resolver accepts ({@code 2852039166}, {@code 0xa9fea9fe}, {@code 0251.0376.0251.0376}, {@code 169.254.43518}) is
 * read as the address it is, IPv6 addresses that carry an IPv4 address are judged by it too ({@link AddressClass}),
 * and a name is resolved and every address it resolves to must pass. The spelling is a first fence only: names of
 * metadata services are refused outright, and so are hosts that are percent-encoded, carry a zone id, are not ASCII,
 * or write an IPv4 address other than as four decimal numbers.
 *
 * <p>The same judgement serves twice: {@link #problem} when a URL is given (a host that does not resolve is refused
 * then: from the platform it is most likely a typo), and {@link #addresses} when a connection is made, whose answer
 * is the only set of addresses that connection may use, so a name re-pointed after its check cannot lead elsewhere.
 */
public final class OutboundUrlRules {

    public static final int MAX_LENGTH = 2048;

    /** Names of cloud metadata services, refused whatever they resolve to (GCP, AWS, and their short forms). */
    static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog",
            "instance-data", "instance-data.ec2.internal");

    static final String METADATA = "must not point at a link-local or metadata address";
    static final String UNROUTABLE = "must not point at an unspecified, multicast or reserved address";
    static final String PRIVATE = "must not point at a loopback or private address";
    static final String NOT_HTTP = "must be an http or https URL";

    private static final Pattern IPV4_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern DOTTED_DECIMAL =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]+");

    private final boolean allowPrivate;

    public OutboundUrlRules(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** What is wrong with {@code url}, or empty when it may be called; its host is resolved with {@code resolver}. */
    public Optional<String> problem(String url, HostResolver resolver) {
        if (url == null || url.isBlank()) {
            return Optional.of(NOT_HTTP);
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
            return Optional.of(NOT_HTTP);
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            return Optional.of("must not contain credentials");
        }
        String written = hostOf(authority);
        if (written == null) {
            return Optional.of("does not have a valid host name");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("has an invalid port");
        }
        Judgement judged = judge(written, resolver);
        if (judged.problem() != null) {
            return Optional.of(judged.problem());
        }
        // what the HTTP clients will connect to must be what was judged
        return uri.getHost() == null ? Optional.of("does not have a valid host name") : Optional.empty();
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

    /**
     * The addresses a connection to {@code host} (as an HTTP client has it from a URL, brackets or not) may use: what
     * it resolves to with {@code resolver} (a literal stands for itself), each judged by this rule.
     *
     * @throws RefusedAddressException when the host, or any address it resolves to, may not be called
     * @throws UnknownHostException    when it does not resolve
     */
    public List<InetAddress> addresses(String host, HostResolver resolver) throws UnknownHostException {
        Judgement judged = judge(host, resolver);
        if (judged.unresolved()) {
            throw new UnknownHostException(host);
        }
        if (judged.problem() != null) {
            throw new RefusedAddressException(host, judged.problem());
        }
        return judged.addresses();
    }

    /** The addresses {@code host} stands for, or why it may not be called ({@code unresolved}: it does not resolve). */
    private record Judgement(List<InetAddress> addresses, String problem, boolean unresolved) {

        static Judgement refused(String problem) {
            return new Judgement(List.of(), problem, false);
        }
    }

    private Judgement judge(String host, HostResolver resolver) {
        String h = host == null ? "" : host;
        if (h.startsWith("[") && h.endsWith("]") && h.length() >= 2) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            return Judgement.refused("must name a host");
        }
        if (h.indexOf('%') >= 0) {
            return Judgement.refused(h.indexOf(':') >= 0 ? "must not name a network interface (zone id)"
                    : "must not percent-encode its host");
        }
        if (h.indexOf(':') >= 0) {
            return ipv6(h);
        }
        if (!h.chars().allMatch(c -> c < 0x80)) {
            return Judgement.refused("must write an international host name in its ASCII (xn--) form");
        }
        String name = h.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // an absolute name is the same name
        }
        if (looksNumeric(name)) {
            return ipv4(name);
        }
        if (!HOST_NAME.matcher(name).matches()) {
            return Judgement.refused("does not have a valid host name");
        }
        if (METADATA_NAMES.contains(name)) {
            return Judgement.refused(METADATA);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            addresses = null;
        }
        if (addresses == null || addresses.isEmpty()) {
            return new Judgement(List.of(), "host '" + name + "' does not resolve", true);
        }
        for (InetAddress address : addresses) {
            String problem = problem(AddressClass.of(address));
            if (problem != null) {
                return Judgement.refused(problem);
            }
        }
        return new Judgement(List.copyOf(addresses), null, false);
    }

    private Judgement ipv6(String literal) {
        if (!IPV6_TEXT.matcher(literal).matches()) {
            return Judgement.refused("does not have a valid host name");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName("[" + literal + "]"); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Judgement.refused("is not a valid IP address");
        }
        String problem = problem(AddressClass.of(address));
        return problem != null ? Judgement.refused(problem) : new Judgement(List.of(address), null, false);
    }

    private Judgement ipv4(String text) {
        byte[] bytes = parseIpv4(text);
        if (bytes == null) {
            return Judgement.refused("is not a valid IP address");
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return Judgement.refused("is not a valid IP address");
        }
        String problem = problem(AddressClass.of(address));
        if (problem != null) {
            return Judgement.refused(problem);
        }
        if (!DOTTED_DECIMAL.matcher(text).matches()) {
            return Judgement.refused("must write an IPv4 address as four decimal numbers (a.b.c.d)");
        }
        return new Judgement(List.of(address), null, false);
    }

    private String problem(AddressClass kind) {
        return switch (kind) {
            case METADATA -> METADATA;
            case UNROUTABLE -> UNROUTABLE;
            case PRIVATE -> allowPrivate ? null : PRIVATE;
            case PUBLIC -> null;
        };
    }

    /** Whether every dot-separated part is a number as inet_aton reads one (decimal, 0x hex, 0 octal). */
    private static boolean looksNumeric(String name) {
        for (String part : name.split("\\.", -1)) {
            if (!IPV4_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An IPv4 address as inet_aton reads it: one to four parts, each decimal, hex ({@code 0x}) or octal (leading
     * {@code 0}); the last part fills the remaining bytes ({@code 127.1}, {@code 169.254.43518}, {@code 2852039166}).
     * Null when it is not one.
     */
    static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return null;
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        int lastBits = 32 - 8 * (parts.length - 1);
        if (last >= (1L << lastBits)) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static Long number(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0L : parseBounded(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return parseBounded(part.substring(1), 8);
            }
            return parseBounded(part, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseBounded(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 12) {
            throw new NumberFormatException(digits);
        }
        return Long.parseLong(digits, radix);
    }

    /** The host of a raw authority without user info, as written (brackets kept), without its port; null if none. */
    private static String hostOf(String authority) {
        String rest = authority;
        if (rest.startsWith("[")) {
            int end = rest.indexOf(']');
            if (end < 0 || (end + 1 < rest.length() && rest.charAt(end + 1) != ':')) {
                return null;
            }
            return rest.substring(0, end + 1);
        }
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        return host.isEmpty() ? null : host;
    }
}
