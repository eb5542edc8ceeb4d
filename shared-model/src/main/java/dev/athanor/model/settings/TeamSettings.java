package dev.athanor.model.settings;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.providers.ProviderRegistration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A team's settings: string values keyed by snake_case names, as the settings API exposes them (the factory's
 * {@code /api/settings}, the one surface whose document has them). Some hold for every surface: the daily cost limit
 * and the active provider apply to each LLM call a team makes. Known keys are checked and normalised; other keys are
 * kept as given so operators can add their own. They are stored under the scope {@value #SCOPE}.
 */
public final class TeamSettings {

    public static final String SCOPE = "factory";
    public static final String DAILY_COST_LIMIT = "daily_cost_limit";
    public static final String SMART_MODEL_FALLBACK = "smart_model_fallback";
    public static final String MAX_REPAIR_ATTEMPTS = "max_repair_attempts";
    /**
     * The team's active provider: calls that name no provider try it first. Empty means none was chosen. Set by the
     * factory's {@code POST /api/providers/{name}/use}; a name no provider has is ignored.
     */
    public static final String LLM_PROVIDER = "llm_provider";
    /**
     * Tokens each user of the team may use per UTC calendar month, counted from the usage ledger (the gateway's
     * {@code quota_remaining}). Absent or empty means unlimited.
     */
    public static final String USER_TOKEN_QUOTA = "user_token_quota";
    public static final long USER_TOKEN_QUOTA_LIMIT = 1_000_000_000_000L;

    public static final int MAX_KEYS = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final int MAX_REPAIR_ATTEMPTS_LIMIT = 20;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private TeamSettings() {
    }

    /** The values a team starts with. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(DAILY_COST_LIMIT, "5.00");
        defaults.put(SMART_MODEL_FALLBACK, "anthropic/claude-3.5-sonnet");
        defaults.put(MAX_REPAIR_ATTEMPTS, "5");
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * Applies {@code changes} (JSON scalars: strings, numbers, booleans) on top of {@code current}.
     *
     * @throws InvalidInputException naming every offending field; nothing is applied then
     */
    public static Map<String, String> merge(Map<String, String> current, Map<String, ?> changes) {
        if (changes == null || changes.isEmpty()) {
            throw new InvalidInputException("Body must be a JSON object with at least one setting");
        }
        Map<String, List<String>> errors = new TreeMap<>();
        Map<String, String> merged = new LinkedHashMap<>(current);
        changes.forEach((key, raw) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                errors.computeIfAbsent(String.valueOf(key), k -> new ArrayList<>())
                        .add("setting names are lower-case snake_case, at most 64 characters");
                return;
            }
            try {
                merged.put(key, normalise(key, scalar(raw)));
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getMessage());
            }
        });
        if (errors.isEmpty() && merged.size() > MAX_KEYS) {
            errors.put("settings", List.of("at most " + MAX_KEYS + " settings may be stored"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(describe(errors), errors);
        }
        return Collections.unmodifiableMap(merged);
    }

    private static String scalar(Object raw) {
        if (raw instanceof String s) {
            return s.strip();
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return raw instanceof BigDecimal d ? d.toPlainString() : raw.toString();
        }
        throw new IllegalArgumentException("must be a string, number or boolean");
    }

    private static String normalise(String key, String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        return switch (key) {
            case DAILY_COST_LIMIT -> money(value);
            case MAX_REPAIR_ATTEMPTS -> boundedInt(value, 0, MAX_REPAIR_ATTEMPTS_LIMIT);
            case SMART_MODEL_FALLBACK -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("must name a model");
                }
                yield value;
            }
            case LLM_PROVIDER -> {
                if (!value.isEmpty() && !ProviderRegistration.ID.matcher(value).matches()) {
                    throw new IllegalArgumentException("must be a provider name (lower-case letters, digits, '_', '-', "
                            + "'.') or empty");
                }
                yield value;
            }
            case USER_TOKEN_QUOTA -> value.isEmpty() ? value : boundedLong(value, 0, USER_TOKEN_QUOTA_LIMIT);
            default -> value;
        };
    }

    /** A team's per-user monthly token quota, or null when it has none (or a stored value is unreadable). */
    public static Long userTokenQuota(Map<String, String> settings) {
        String value = settings == null ? null : settings.get(USER_TOKEN_QUOTA);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String money(String value) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a decimal amount in USD, for example \"5.00\"");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        if (amount.scale() > 2 || amount.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new IllegalArgumentException("must have at most two decimals and be at most 1000000");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String boundedInt(String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return Integer.toString(parsed);
    }

    private static String boundedLong(String value, long min, long max) {
        long parsed;
        try {
            parsed = new BigDecimal(value).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return Long.toString(parsed);
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder detail = new StringBuilder("Invalid settings: ");
        errors.forEach((field, messages) -> detail.append(field).append(' ').append(String.join(", ", messages)).append("; "));
        return detail.substring(0, detail.length() - 2);
    }
}
