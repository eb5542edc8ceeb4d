package dev.athanor.model.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/** Where an address points, as far as outbound calls on a user's behalf are concerned. */
public enum AddressClass {
    /** Link-local and cloud metadata endpoints: never reachable through a user-given URL. */
    METADATA,
    /** Loopback, private and unique-local networks: reachable only where the operator allows it. */
    PRIVATE,
    PUBLIC;

    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(b)) {
            // ::ffff:a.b.c.d reaches a.b.c.d
            b = new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 169 && second == 254) {
                return METADATA;
            }
            if (first == 10 || first == 127 || first == 0
                    || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168)) {
                return PRIVATE;
            }
            return PUBLIC;
        }
        if (Arrays.equals(b, AWS_METADATA_V6) || address.isLinkLocalAddress()) {
            return METADATA; // fd00:ec2::254 and fe80::/10
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || (b[0] & 0xfe) == 0xfc) {
            return PRIVATE; // ::1, ::, fc00::/7
        }
        return PUBLIC;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
