package dev.athanor.model.agents;

import dev.athanor.model.error.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a team changes an agent: a JSON object of the editable fields (snake_case or camelCase names). A string sets
 * the field; {@code null} resets it to the built-in default; other keys are ignored, so a client may send back what
 * it read. Every offending field is named in one {@link InvalidInputException} and nothing is applied then.
 */
public final class AgentChanges {

    public static final String MODEL = "model";
    public static final String SYSTEM_PROMPT = "system_prompt";
    public static final String STATUS = "status";
    public static final String DESCRIPTION = "description";
    public static final String NAME = "name";

    /** Every field a team may change, in the order error messages list them. */
    public static final List<String> EDITABLE = List.of(MODEL, SYSTEM_PROMPT, STATUS, DESCRIPTION, NAME);
    public static final List<String> STATUSES = List.of("active", "disabled");

    public static final int MAX_MODEL = 200;
    public static final int MAX_SYSTEM_PROMPT = 32_000;
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2_000;

    private static final Pattern MODEL_ID = Pattern.compile("[^\\s\\p{Cntrl}]+");

    private AgentChanges() {
    }

    /**
     * The override after applying {@code changes} restricted to {@code fields}.
     *
     * @param current the team's override so far, or null when it has none
     * @throws InvalidInputException when a value is invalid or none of {@code fields} is given
     */
    public static AgentOverride apply(String agentId, AgentOverride current, Map<String, ?> changes,
                                      List<String> fields, Instant now) {
        Map<String, Object> given = new LinkedHashMap<>();
        if (changes != null) {
            changes.forEach((key, value) -> {
                String field = SYSTEM_PROMPT.equals(key) || "systemPrompt".equals(key) ? SYSTEM_PROMPT : key;
                if (fields.contains(field)) {
                    given.put(field, value);
                }
            });
        }
        if (given.isEmpty()) {
            throw new InvalidInputException("Give at least one of: " + String.join(", ", fields));
        }
        Map<String, List<String>> errors = new TreeMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        given.forEach((field, raw) -> {
            try {
                values.put(field, raw == null ? null : check(field, raw));
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent(field, f -> new ArrayList<>()).add(e.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            StringBuilder detail = new StringBuilder("Invalid agent configuration: ");
            errors.forEach((field, messages) -> detail.append(field).append(' ')
                    .append(String.join(", ", messages)).append("; "));
            throw new InvalidInputException(detail.substring(0, detail.length() - 2), errors);
        }
        AgentOverride base = current != null ? current
                : new AgentOverride(agentId, null, null, null, null, null, null);
        return new AgentOverride(agentId, pick(values, NAME, base.name()), pick(values, STATUS, base.status()),
                pick(values, MODEL, base.model()), pick(values, SYSTEM_PROMPT, base.systemPrompt()),
                pick(values, DESCRIPTION, base.description()), now);
    }

    private static String check(String field, Object raw) {
        if (!(raw instanceof String text)) {
            throw new IllegalArgumentException("must be a string (or null to reset it to the default)");
        }
        String value = text.strip();
        return switch (field) {
            case MODEL -> {
                if (value.isEmpty() || value.length() > MAX_MODEL || !MODEL_ID.matcher(value).matches()) {
                    throw new IllegalArgumentException("must name a model in 1 to " + MAX_MODEL
                            + " characters without spaces");
                }
                yield value;
            }
            case SYSTEM_PROMPT -> required(value, MAX_SYSTEM_PROMPT);
            case NAME -> required(value, MAX_NAME);
            case STATUS -> {
                String status = value.toLowerCase(Locale.ROOT);
                if (!STATUSES.contains(status)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", STATUSES));
                }
                yield status;
            }
            case DESCRIPTION -> {
                if (value.length() > MAX_DESCRIPTION) {
                    throw new IllegalArgumentException("must be at most " + MAX_DESCRIPTION + " characters");
                }
                yield value;
            }
            default -> throw new IllegalStateException("not an editable field: " + field);
        };
    }

    private static String required(String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException("must be 1 to " + max + " characters");
        }
        return value;
    }

    private static String pick(Map<String, String> values, String field, String current) {
        return values.containsKey(field) ? values.get(field) : current;
    }
}
