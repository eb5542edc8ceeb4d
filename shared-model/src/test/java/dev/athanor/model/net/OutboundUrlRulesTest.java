package dev.athanor.model.net;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundUrlRulesTest {

    /** Literals parse without DNS; the few names a test uses are mapped here. */
    private static final HostResolver RESOLVER = host -> {
        Map<String, String> names = Map.of("api.example.com", "93.184.215.14", "localhost", "127.0.0.1",
                "metadata.internal", "169.254.169.254", "split.example.com", "93.184.215.14,10.1.2.3");
        String mapped = names.get(host);
        if (mapped != null) {
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String a : mapped.split(",")) {
                addresses.add(InetAddress.getByName(a));
            }
            return addresses;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return Arrays.asList(InetAddress.getAllByName(host));
        }
        throw new UnknownHostException(host);
    };

    private final OutboundUrlRules strict = new OutboundUrlRules(false);
    private final OutboundUrlRules permissive = new OutboundUrlRules(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/v1", "http://93.184.215.14:8080", "https://[2606:4700::1111]/"})
    void public_http_urls_pass_everywhere(String url) {
        assertTrue(strict.problem(url, RESOLVER).isEmpty(), url);
        assertTrue(permissive.problem(url, RESOLVER).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/", "http://[fe80::1]/",
            "http://metadata.internal/", "http://[::ffff:169.254.169.254]/", "http://169.254.1.1:11434"})
    void link_local_and_metadata_addresses_never_pass(String url) {
        assertEquals("must not point at a link-local or metadata address", strict.problem(url, RESOLVER).orElseThrow());
        assertEquals("must not point at a link-local or metadata address", permissive.problem(url, RESOLVER).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434", "http://127.0.0.1", "http://127.8.9.10", "http://10.0.0.5",
            "http://172.16.0.1", "http://172.31.255.255", "http://192.168.1.10", "http://[::1]:8000", "http://[fc00::1]/",
            "http://[fd12:3456::1]/", "http://0.0.0.0:8080", "http://split.example.com/"})
    void loopback_and_private_addresses_pass_only_when_allowed(String url) {
        assertEquals("must not point at a loopback or private address", strict.problem(url, RESOLVER).orElseThrow());
        assertTrue(permissive.problem(url, RESOLVER).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://172.15.0.1", "http://172.32.0.1", "http://11.0.0.1", "http://192.169.0.1"})
    void addresses_next_to_private_ranges_are_public(String url) {
        assertTrue(strict.problem(url, RESOLVER).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com", "file:///etc/passwd", "api.example.com", "", "http://",
            "https://user:pass@api.example.com/", "http://exa mple.com", "gopher://api.example.com"})
    void other_schemes_credentials_and_malformed_urls_are_rejected(String url) {
        assertTrue(permissive.problem(url, RESOLVER).isPresent(), url);
    }

    @Test
    void an_unresolvable_host_is_rejected() {
        assertEquals("host 'nowhere.invalid' does not resolve",
                strict.problem("https://nowhere.invalid/", RESOLVER).orElseThrow());
    }

    @Test
    void require_names_the_field() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> strict.require("url", "http://10.0.0.1", RESOLVER));

        assertEquals(List.of("must not point at a loopback or private address"), e.fieldErrors().get("url"));
    }
}
