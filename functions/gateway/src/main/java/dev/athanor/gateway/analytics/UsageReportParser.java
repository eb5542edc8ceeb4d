package dev.athanor.gateway.analytics;

import dev.athanor.core.http.RequestFields;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and checks the body of {@code POST /v1/analytics/usage}. Every problem is reported at once (422 naming each
 * field); nothing is recorded unless the whole report is valid.
 */
@Singleton
class UsageReportParser {

    static final int MAX_ID_LENGTH = 255;
    static final int MAX_TOKENS = 10_000_000;
    static final int MAX_METADATA_KEYS = 20;
    static final int MAX_METADATA_KEY_LENGTH = 64;
    static final int MAX_METADATA_VALUE_LENGTH = 512;
    static final int MAX_METADATA_JSON_LENGTH = 4096;
    /** How far ahead of the gateway's clock a reported call may be dated (clients' clocks drift). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern REQUEST_TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final JsonMapper json;
    private final Clock clock;

    UsageReportParser(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    UsageReport parse(RequestFields fields) {
        String userId = requiredId(fields, "user_id");
        String model = requiredId(fields, "model");
        Integer tokens = fields.node("tokens_used") == null ? missing(fields, "tokens_used")
                : fields.integer("tokens_used");
        if (tokens != null && (tokens < 0 || tokens > MAX_TOKENS)) {
            fields.error("tokens_used", "must be between 0 and " + MAX_TOKENS);
        }
        String requestType = fields.string("request_type");
        if (requestType != null && !REQUEST_TYPE.matcher(requestType).matches()) {
            fields.error("request_type", "must be 1 to 64 letters, digits or _ . : -");
        }
        Instant timestamp = timestamp(fields);
        String metadata = metadata(fields);
        fields.check("usage report");
        return new UsageReport(userId, model, tokens, requestType, timestamp, metadata);
    }

    private static <T> T missing(RequestFields fields, String name) {
        fields.error(name, "is required");
        return null;
    }

    private static String requiredId(RequestFields fields, String name) {
        if (fields.node(name) == null) {
            return missing(fields, name);
        }
        String value = fields.string(name);
        if (value != null) {
            String problem = UserIds.problem(value);
            if (problem != null) {
                fields.error(name, problem);
            }
        }
        return value;
    }

    private Instant timestamp(RequestFields fields) {
        String text = fields.string("timestamp");
        if (text == null) {
            return null;
        }
        Instant instant = Iso8601.dateTime(text);
        if (instant == null) {
            fields.error("timestamp", "must be an ISO 8601 date-time, for example 2025-10-26T10:30:00Z");
            return null;
        }
        if (instant.isBefore(Iso8601.EARLIEST) || instant.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            fields.error("timestamp", "must be after 1970 and not in the future");
            return null;
        }
        return instant;
    }

    private String metadata(RequestFields fields) {
        Map<String, Object> metadata = fields.object("metadata");
        if (metadata == null) {
            return null;
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            fields.error("metadata", "must have at most " + MAX_METADATA_KEYS + " keys");
            return null;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            String problem = null;
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY_LENGTH) {
                fields.error("metadata", "keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters");
                valid = false;
            } else if (value instanceof String text && text.length() > MAX_METADATA_VALUE_LENGTH) {
                problem = "must be at most " + MAX_METADATA_VALUE_LENGTH + " characters";
            } else if (value != null && !(value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                problem = "must be a string, number, boolean or null";
            } else {
                kept.put(key, value instanceof Number number ? new BigDecimal(number.toString()) : value);
            }
            if (problem != null) {
                fields.error("metadata." + key, problem);
                valid = false;
            }
        }
        if (!valid) {
            return null;
        }
        String text = write(kept);
        if (text.length() > MAX_METADATA_JSON_LENGTH) {
            fields.error("metadata", "must be at most " + MAX_METADATA_JSON_LENGTH + " characters as JSON");
            return null;
        }
        return text;
    }

    private String write(Map<String, Object> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
