package dev.athanor.testkit.git;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Commit ids and times as each host writes them. */
final class FakeIds {

    /** Gitea writes times in its server's zone; the fake's server is two hours east of UTC. */
    static final ZoneOffset GITEA_ZONE = ZoneOffset.ofHours(2);

    private FakeIds() {
    }

    /** A stable 40-hex id standing in for a commit the fake does not have. */
    static String sha(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GitHub: {@code 2011-01-26T19:01:12Z}. */
    static String github(Instant when) {
        return when == null ? null : DateTimeFormatter.ISO_INSTANT.format(when);
    }

    /** GitLab: {@code 2011-01-26T19:01:12.000Z}. */
    static String gitlab(Instant when) {
        return when == null ? null
                : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(when);
    }

    /** Gitea: {@code 2011-01-26T21:01:12+02:00}. */
    static String gitea(Instant when) {
        return when == null ? null
                : OffsetDateTime.ofInstant(when, GITEA_ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
