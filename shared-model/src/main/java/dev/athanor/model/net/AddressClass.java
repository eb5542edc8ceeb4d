package dev.athanor.model.net;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Where an address points, as far as outbound calls on a user's behalf are concerned. An IPv6 address that carries
 * an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96} and
 * {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16}) is judged by the IPv4 address it reaches as well. Constants are in
 * order of severity, strictest first.
 */
public enum AddressClass {
    /** Link-local and cloud metadata endpoints: never reachable through a user-given URL. */
    METADATA,
    /** Unspecified, multicast, broadcast and reserved addresses: never a server to call. */
    UNROUTABLE,
    /** Loopback, private, shared (CGNAT) and unique-local networks: reachable only where the operator allows it. */
    PRIVATE,
    PUBLIC;

    /** The AWS instance metadata service over IPv6, {@code fd00:ec2::254}. */
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x02, 0x54};
    /** Alibaba Cloud's metadata service, {@code 100.100.100.200}, inside the shared 100.64.0.0/10 range. */
    private static final byte[] ALIBABA_METADATA = {100, 100, 100, (byte) 200};

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofV4(b) : ofV6(b);
    }

    private static AddressClass ofV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if ((first == 169 && second == 254) || Arrays.equals(b, ALIBABA_METADATA)) {
            return METADATA;
        }
        if (first == 0 || first >= 224) {
            return UNROUTABLE; // 0.0.0.0/8 ("this network"), multicast 224/4, reserved 240/4, broadcast
        }
        if (first == 127 || first == 10
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || (first == 100 && second >= 64 && second <= 127)) {
            return PRIVATE;
        }
        return PUBLIC;
    }

    private static AddressClass ofV6(byte[] b) {
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return METADATA;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return METADATA; // fe80::/10
        }
        if (first == 0xff) {
            return UNROUTABLE; // multicast
        }
        if (zero(b, 0, 15)) {
            return b[15] == 0 ? UNROUTABLE : b[15] == 1 ? PRIVATE : ofV4(tail(b, 12)); // ::, ::1, ::a.b.c.d
        }
        if (zero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return ofV4(tail(b, 12)); // ::ffff:a.b.c.d
        }
        if (zero(b, 0, 12)) {
            return ofV4(tail(b, 12)); // ::a.b.c.d (IPv4-compatible)
        }
        if (first == 0x00 && second == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            if (zero(b, 4, 12)) {
                return ofV4(tail(b, 12)); // 64:ff9b::/96, the well-known NAT64 prefix
            }
            if (b[4] == 0 && b[5] == 1) {
                return stricter(PRIVATE, ofV4(tail(b, 12))); // 64:ff9b:1::/48, local-use NAT64
            }
        }
        if (first == 0x20 && second == 0x02) {
            return ofV4(Arrays.copyOfRange(b, 2, 6)); // 2002::/16, 6to4
        }
        if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
            return PRIVATE; // fc00::/7 unique-local, fec0::/10 site-local
        }
        return PUBLIC;
    }

    private static AddressClass stricter(AddressClass a, AddressClass b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] b, int from) {
        return Arrays.copyOfRange(b, from, b.length);
    }
}
