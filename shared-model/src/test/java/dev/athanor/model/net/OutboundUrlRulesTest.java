package dev.athanor.model.net;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OutboundUrlRulesTest {

    private static final String METADATA = "must not point at a link-local or metadata address";
    private static final String UNROUTABLE = "must not point at an unspecified, multicast or reserved address";
    private static final String PRIVATE = "must not point at a loopback or private address";
    private static final String DOTTED = "must write an IPv4 address as four decimal numbers (a.b.c.d)";

    /** No DNS: the few names a test uses are mapped here, every other name does not resolve. */
    private static final Map<String, String> NAMES = Map.of("api.example.com", "93.184.215.14",
            "localhost", "127.0.0.1", "metadata.internal", "169.254.169.254",
            "split.example.com", "93.184.215.14,10.1.2.3", "v6.example.com", "2606:4700::1111",
            "mapped.example.com", "::ffff:169.254.169.254");

    private static final HostResolver RESOLVER = host -> {
        String mapped = NAMES.get(host);
        if (mapped == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String a : mapped.split(",")) {
            addresses.add(InetAddress.getByName(a));
        }
        return addresses;
    };

    private final OutboundUrlRules strict = new OutboundUrlRules(false);
    private final OutboundUrlRules permissive = new OutboundUrlRules(true);

    /** url, the problem without private addresses allowed, the problem with them allowed (null: it passes). */
    static Stream<Arguments> spellings() {
        return Stream.of(
                // public addresses pass everywhere, however a name is cased or ended
                arguments("https://api.example.com/v1", null, null),
                arguments("https://API.Example.COM/v1", null, null),
                arguments("https://api.example.com./v1", null, null),
                arguments("http://93.184.215.14:8080", null, null),
                arguments("https://[2606:4700::1111]/", null, null),
                arguments("https://v6.example.com/", null, null),
                arguments("http://[64:ff9b::5db8:d70e]/", null, null),
                arguments("http://[2002:5db8:d70e::1]/", null, null),
                arguments("http://172.15.0.1", null, null),
                arguments("http://172.32.0.1", null, null),
                arguments("http://11.0.0.1", null, null),
                arguments("http://192.169.0.1", null, null),
                arguments("http://100.63.255.255", null, null),
                arguments("http://100.128.0.1", null, null),

                // metadata and link-local, in every spelling, never pass
                arguments("http://169.254.169.254/latest/meta-data/", METADATA, METADATA),
                arguments("http://169.254.169.254:80/", METADATA, METADATA),
                arguments("http://169.254.1.1:11434", METADATA, METADATA),
                arguments("http://2852039166/", METADATA, METADATA),
                arguments("http://0xa9fea9fe/", METADATA, METADATA),
                arguments("http://0xA9FEA9FE/", METADATA, METADATA),
                arguments("http://0xA9.0xFE.0xA9.0xFE/", METADATA, METADATA),
                arguments("http://0251.0376.0251.0376/", METADATA, METADATA),
                arguments("http://0251.254.0xa9.254/", METADATA, METADATA),
                arguments("http://169.254.43518/", METADATA, METADATA),
                arguments("http://169.16689662/", METADATA, METADATA),
                arguments("http://169.254.169.254./", METADATA, METADATA),
                arguments("http://[::ffff:169.254.169.254]/", METADATA, METADATA),
                arguments("http://[::ffff:a9fe:a9fe]/", METADATA, METADATA),
                arguments("http://[0:0:0:0:0:ffff:a9fe:a9fe]/", METADATA, METADATA),
                arguments("http://[::a9fe:a9fe]/", METADATA, METADATA),
                arguments("http://[::169.254.169.254]/", METADATA, METADATA),
                arguments("http://[64:ff9b::a9fe:a9fe]/", METADATA, METADATA),
                arguments("http://[64:ff9b::169.254.169.254]/", METADATA, METADATA),
                arguments("http://[64:ff9b:1::a9fe:a9fe]/", METADATA, METADATA),
                arguments("http://[2002:a9fe:a9fe::1]/", METADATA, METADATA),
                arguments("http://[fd00:ec2::254]/", METADATA, METADATA),
                arguments("http://[FD00:EC2:0:0:0:0:0:254]/latest/meta-data/", METADATA, METADATA),
                arguments("http://[fe80::1]/", METADATA, METADATA),
                arguments("http://[FE80::a:b]:8080/", METADATA, METADATA),
                arguments("http://[febf::1]/", METADATA, METADATA),
                arguments("http://100.100.100.200/latest/meta-data/", METADATA, METADATA),
                arguments("http://metadata.google.internal/computeMetadata/v1/", METADATA, METADATA),
                arguments("http://METADATA.Google.Internal/", METADATA, METADATA),
                arguments("http://metadata.google.internal./", METADATA, METADATA),
                arguments("http://metadata.google.internal:80/", METADATA, METADATA),
                arguments("http://metadata/computeMetadata/v1/", METADATA, METADATA),
                arguments("http://metadata.goog/", METADATA, METADATA),
                arguments("http://instance-data/latest/", METADATA, METADATA),
                arguments("http://instance-data.ec2.internal/", METADATA, METADATA),
                arguments("http://metadata.internal/", METADATA, METADATA),
                arguments("http://mapped.example.com/", METADATA, METADATA),
                arguments("http://169.254.169.254#@api.example.com/", METADATA, METADATA),
                arguments("http://169.254.169.254?@api.example.com/", METADATA, METADATA),

                // unspecified, multicast, broadcast and reserved addresses never pass
                arguments("http://0.0.0.0:8080", UNROUTABLE, UNROUTABLE),
                arguments("http://0/", UNROUTABLE, UNROUTABLE),
                arguments("http://0x0/", UNROUTABLE, UNROUTABLE),
                arguments("http://0.1.2.3/", UNROUTABLE, UNROUTABLE),
                arguments("http://[::]/", UNROUTABLE, UNROUTABLE),
                arguments("http://[0:0:0:0:0:0:0:0]:8000/", UNROUTABLE, UNROUTABLE),
                arguments("http://[::ffff:0.0.0.0]/", UNROUTABLE, UNROUTABLE),
                arguments("http://224.0.0.1/", UNROUTABLE, UNROUTABLE),
                arguments("http://255.255.255.255/", UNROUTABLE, UNROUTABLE),
                arguments("http://240.0.0.1/", UNROUTABLE, UNROUTABLE),
                arguments("http://[ff02::1]/", UNROUTABLE, UNROUTABLE),

                // loopback and private networks pass only where the operator allows them
                arguments("http://localhost:11434", PRIVATE, null),
                arguments("http://LOCALHOST:11434", PRIVATE, null),
                arguments("http://127.0.0.1", PRIVATE, null),
                arguments("http://127.8.9.10", PRIVATE, null),
                arguments("http://10.0.0.5", PRIVATE, null),
                arguments("http://172.16.0.1", PRIVATE, null),
                arguments("http://172.31.255.255", PRIVATE, null),
                arguments("http://192.168.1.10", PRIVATE, null),
                arguments("http://100.64.0.1", PRIVATE, null),
                arguments("http://100.127.255.255", PRIVATE, null),
                arguments("http://[::1]:8000", PRIVATE, null),
                arguments("http://[0:0:0:0:0:0:0:1]/", PRIVATE, null),
                arguments("http://[fc00::1]/", PRIVATE, null),
                arguments("http://[fd12:3456::1]/", PRIVATE, null),
                arguments("http://[fec0::1]/", PRIVATE, null),
                arguments("http://[::ffff:127.0.0.1]/", PRIVATE, null),
                arguments("http://[::ffff:a00:1]/", PRIVATE, null),
                arguments("http://[64:ff9b::a00:1]/", PRIVATE, null),
                arguments("http://[64:ff9b:1::5db8:d70e]/", PRIVATE, null),
                arguments("http://[2002:c0a8:101::]/", PRIVATE, null),
                arguments("http://split.example.com/", PRIVATE, null),

                // an IPv4 address written other than as a.b.c.d is judged by the address, then refused as spelled
                arguments("http://127.1/", PRIVATE, DOTTED),
                arguments("http://2130706433/", PRIVATE, DOTTED),
                arguments("http://0x7f000001/", PRIVATE, DOTTED),
                arguments("http://017700000001/", PRIVATE, DOTTED),
                arguments("http://127.000.000.001/", PRIVATE, DOTTED),
                arguments("http://10.1/", PRIVATE, DOTTED),
                arguments("http://1572394766/", DOTTED, DOTTED),
                arguments("http://0x5db8d70e/", DOTTED, DOTTED),
                arguments("http://0135.0270.0327.016/", DOTTED, DOTTED),
                arguments("http://93.184.55054/", DOTTED, DOTTED),

                // hosts that are not what they look like
                arguments("http://[fe80::1%25eth0]/", "must not name a network interface (zone id)",
                        "must not name a network interface (zone id)"),
                arguments("http://[::1%25lo]:8000/", "must not name a network interface (zone id)",
                        "must not name a network interface (zone id)"),
                arguments("http://%31%36%39.254.169.254/", "must not percent-encode its host",
                        "must not percent-encode its host"),
                arguments("http://metadata%2Egoogle%2Einternal/", "must not percent-encode its host",
                        "must not percent-encode its host"),
                arguments("http://\u24dc\u24d4\u24e3\u24d0\u24d3\u24d0\u24e3\u24d0.google.internal/",
                        "must write an international host name in its ASCII (xn--) form",
                        "must write an international host name in its ASCII (xn--) form"),
                arguments("http://b\u00fccher.example/", "must write an international host name in its ASCII (xn--) form",
                        "must write an international host name in its ASCII (xn--) form"),
                arguments("http://evil@169.254.169.254/", "must not contain credentials", "must not contain credentials"),
                arguments("http://evil:pw@api.example.com/", "must not contain credentials", "must not contain credentials"),
                arguments("http://api.example.com@169.254.169.254/", "must not contain credentials",
                        "must not contain credentials"),
                arguments("http://api.example.com\\@169.254.169.254/", "is not a valid URL", "is not a valid URL"),
                arguments("http://169.254.169.254\\@api.example.com/", "is not a valid URL", "is not a valid URL"),
                arguments("http:\\\\169.254.169.254\\", "is not a valid URL", "is not a valid URL"),
                arguments("http://my_host:8080/", "does not have a valid host name", "does not have a valid host name"),
                arguments("http://1.2.3.256/", "is not a valid IP address", "is not a valid IP address"),
                arguments("http://1.2.3.4.5/", "is not a valid IP address", "is not a valid IP address"),
                arguments("http://09.1.2.3/", "is not a valid IP address", "is not a valid IP address"),
                arguments("http://api.example.com:99999/", "has an invalid port", "has an invalid port"),
                arguments("https://nowhere.invalid/", "host 'nowhere.invalid' does not resolve",
                        "host 'nowhere.invalid' does not resolve"),

                // not an http(s) URL
                arguments("ftp://api.example.com", "must be an http or https URL", "must be an http or https URL"),
                arguments("file:///etc/passwd", "must be an http or https URL", "must be an http or https URL"),
                arguments("gopher://api.example.com", "must be an http or https URL", "must be an http or https URL"),
                arguments("ssh://git@api.example.com/o/r.git", "must be an http or https URL",
                        "must be an http or https URL"),
                arguments("javascript:alert(1)", "must be an http or https URL", "must be an http or https URL"),
                arguments("api.example.com", "must be an http or https URL", "must be an http or https URL"),
                arguments("", "must be an http or https URL", "must be an http or https URL"),
                arguments("http://", "is not a valid URL", "is not a valid URL"),
                arguments("http:///path", "must name a host", "must name a host"),
                arguments("http://exa mple.com", "is not a valid URL", "is not a valid URL"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("spellings")
    void each_spelling_is_judged_by_the_address_it_reaches(String url, String strictProblem, String permissiveProblem) {
        assertEquals(strictProblem, strict.problem(url, RESOLVER).orElse(null), "private not allowed: " + url);
        assertEquals(permissiveProblem, permissive.problem(url, RESOLVER).orElse(null), "private allowed: " + url);
    }

    @Test
    void a_url_longer_than_the_limit_is_refused() {
        assertEquals("must be at most 2048 characters",
                strict.problem("https://api.example.com/" + "a".repeat(2048), RESOLVER).orElseThrow());
    }

    @Test
    void require_names_the_field() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> strict.require("url", "http://10.0.0.1", RESOLVER));

        assertEquals("url must not point at a loopback or private address", e.getMessage());
        assertEquals(List.of("must not point at a loopback or private address"), e.fieldErrors().get("url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "[fd00:ec2::254]", "fd00:ec2::254", "0xa9fea9fe", "metadata",
            "metadata.google.internal.", "mapped.example.com"})
    void a_connection_is_refused_for_a_host_the_rule_refuses(String host) {
        RefusedAddressException e = assertThrows(RefusedAddressException.class,
                () -> permissive.addresses(host, RESOLVER));

        assertEquals(METADATA, e.problem());
        assertEquals(host + " " + METADATA, e.getMessage());
    }

    @Test
    void a_connection_may_use_only_the_addresses_that_were_judged() throws Exception {
        assertEquals(List.of(InetAddress.getByName("93.184.215.14")), strict.addresses("api.example.com", RESOLVER));
        assertEquals(List.of(InetAddress.getByName("2606:4700::1111")), strict.addresses("[2606:4700::1111]", RESOLVER));
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), permissive.addresses("localhost", RESOLVER));
        assertEquals(PRIVATE, assertThrows(RefusedAddressException.class,
                () -> strict.addresses("split.example.com", RESOLVER)).problem());
        UnknownHostException unknown = assertThrows(UnknownHostException.class,
                () -> strict.addresses("nowhere.invalid", RESOLVER));
        assertTrue(!(unknown instanceof RefusedAddressException), "a host that does not resolve is not refused");
    }

    @Test
    void a_name_re_pointed_after_its_check_is_refused_when_connecting() throws Exception {
        Iterator<String> answers = List.of("93.184.215.14", "169.254.169.254").iterator();
        HostResolver rebinding = host -> List.of(InetAddress.getByName(answers.next()));

        assertTrue(strict.problem("http://rebind.example.com/", rebinding).isEmpty(), "the first answer is public");
        assertEquals(METADATA, assertThrows(RefusedAddressException.class,
                () -> strict.addresses("rebind.example.com", rebinding)).problem());
    }

    @Test
    void inet_aton_forms_are_read_as_the_c_resolver_reads_them() throws Exception {
        Map<String, String> forms = Map.of("127.1", "127.0.0.1", "10.1.2", "10.1.0.2", "2852039166",
                "169.254.169.254", "0xA9.0xFE.0xA9.0xFE", "169.254.169.254", "0251.0376.0251.0376", "169.254.169.254",
                "169.254.43518", "169.254.169.254", "0", "0.0.0.0", "0x", "0.0.0.0");
        for (var form : forms.entrySet()) {
            assertEquals(InetAddress.getByName(form.getValue()),
                    InetAddress.getByAddress(OutboundUrlRules.parseIpv4(form.getKey())), form.getKey());
        }
        for (String notOne : List.of("256.1.1.1", "1.2.3.256", "1.16777216", "1.2.65536", "4294967296", "08", "0x1g", "1..2", "")) {
            assertEquals(null, OutboundUrlRules.parseIpv4(notOne), notOne);
        }
    }
}
