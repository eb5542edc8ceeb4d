package dev.athanor.orchestrator.agents;

import dev.athanor.core.http.RequestFields;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.orchestrator.AgentConnection;
import dev.athanor.model.orchestrator.ConnectionType;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A connection's fields from a create or update body, snake_case or camelCase. A create needs {@code agent_id},
 * {@code agent_name} and {@code connection_type}; an update changes only the fields it carries (null clears an
 * optional one) and cannot change the agent id. A {@code remote} connection needs an endpoint, and only an
 * {@code api} connection names a {@code model}. An endpoint must pass the SSRF guard as any URL Athanor may call.
 * {@code api_key} stores a new key (null or "" removes it), sealed, under {@code api_key_id} when the body names one
 * and under a new id otherwise; {@code api_key_id} alone names a key kept elsewhere (the document's {@code key_123}),
 * stored and shown as given (null removes it, and the key stored under the old id with it).
 */
final class ConnectionInput {

    static final int MAX_AGENT_ID = 100;
    static final int MAX_TEXT = 200;
    static final int MAX_URL = 2048;
    static final int MAX_KEY = 4096;
    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_AGENT_ID + "}");

    /** The connection to store, and the API key to seal with it (null: none new). */
    record Change(AgentConnection connection, @Nullable String newApiKey) {
    }

    private ConnectionInput() {
    }

    /** @param current the connection an update starts from; null for a create */
    static Change read(RequestFields fields, @Nullable AgentConnection current, OutboundUrlGuard urls) {
        String agentId = agentId(fields, current);
        String agentName = fields.has("agent_name") ? fields.string("agent_name")
                : current == null ? null : current.agentName();
        if (agentName == null || agentName.isBlank()) {
            fields.error("agent_name", "is required");
        } else if (agentName.length() > MAX_TEXT) {
            fields.error("agent_name", "must be at most " + MAX_TEXT + " characters");
        }
        ConnectionType type = current == null ? null : current.connectionType();
        if (fields.has("connection_type")) {
            String wire = fields.string("connection_type");
            type = wire == null ? null : ConnectionType.fromWire(wire).orElse(null);
            if (type == null) {
                fields.error("connection_type", "must be one of api, local, remote");
            }
        } else if (type == null) {
            fields.error("connection_type", "is required (api, local or remote)");
        }
        String endpoint = endpoint(fields, current, urls);
        Integer port = fields.has("port") ? fields.integer("port") : current == null ? null : current.port();
        if (port != null && (port < 1 || port > 65535)) {
            fields.error("port", "must be from 1 to 65535");
        }
        boolean enabled = current == null || current.enabled();
        if (fields.has("enabled")) {
            Boolean given = fields.bool("enabled");
            if (given == null) {
                fields.error("enabled", "must be true or false");
            } else {
                enabled = given;
            }
        }
        String model = fields.has("model") ? blankAsNull(fields.string("model"))
                : current == null ? null : current.model();
        if (model != null && model.length() > MAX_TEXT) {
            fields.error("model", "must be at most " + MAX_TEXT + " characters");
        }
        if (type == ConnectionType.REMOTE && endpoint == null) {
            fields.error("endpoint", "is required for a remote connection");
        }
        if (model != null && type != null && type != ConnectionType.API) {
            fields.error("model", "is named only by an api connection");
        }
        String newKey = null;
        String keyId = current == null ? null : current.apiKeyId();
        if (fields.has("api_key_id")) {
            keyId = blankAsNull(fields.string("api_key_id"));
            if (keyId != null && !AGENT_ID.matcher(keyId).matches()) {
                fields.error("api_key_id", "must be 1-" + MAX_AGENT_ID + " letters, digits or . _ ~ -");
            }
        }
        if (fields.has("api_key")) {
            newKey = blankAsNull(fields.string("api_key"));
            if (newKey != null && newKey.length() > MAX_KEY) {
                fields.error("api_key", "must be at most " + MAX_KEY + " characters");
            }
            if (newKey == null) {
                keyId = null;
            } else if (keyId == null || !fields.has("api_key_id")) {
                keyId = UUID.randomUUID().toString();
            }
        }
        fields.check("agent connection");
        return new Change(new AgentConnection(agentId, agentName, type, endpoint, port, keyId, enabled, model),
                newKey);
    }

    private static String agentId(RequestFields fields, @Nullable AgentConnection current) {
        String given = fields.has("agent_id") ? fields.string("agent_id") : null;
        if (current != null) {
            if (given != null && !given.equals(current.agentId())) {
                fields.error("agent_id", "cannot be changed; create a connection under the new id instead");
            }
            return current.agentId();
        }
        if (given == null || given.isEmpty()) {
            fields.error("agent_id", "is required");
        } else if (!AGENT_ID.matcher(given).matches()) {
            fields.error("agent_id", "must be 1-" + MAX_AGENT_ID + " letters, digits or . _ ~ -");
        }
        return given;
    }

    private static String endpoint(RequestFields fields, @Nullable AgentConnection current, OutboundUrlGuard urls) {
        if (!fields.has("endpoint")) {
            return current == null ? null : current.endpoint();
        }
        String value = blankAsNull(fields.string("endpoint"));
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_URL) {
            fields.error("endpoint", "must be at most " + MAX_URL + " characters");
        } else {
            urls.problem(value).ifPresent(problem -> fields.error("endpoint", problem));
        }
        return value;
    }

    private static String blankAsNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
