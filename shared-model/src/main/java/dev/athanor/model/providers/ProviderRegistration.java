package dev.athanor.model.providers;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.net.HostResolver;
import dev.athanor.model.net.OutboundUrlRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A provider as a caller asks to register it, not yet checked.
 *
 * @param kind    the wire name: openai, ollama, anthropic, bedrock
 * @param baseUrl required for ollama and for openai-compatible servers other than OpenAI's; null means the kind's
 *                public default
 * @param apiKey  the plain key, or null to keep the stored key on an update (none on create), or "" to remove it
 * @param enabled null means enabled
 */
public record ProviderRegistration(String id,
                                   String kind,
                                   String baseUrl,
                                   String apiKey,
                                   List<String> models,
                                   Map<String, String> options,
                                   Boolean enabled) {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    public static final int MAX_MODELS = 200;
    public static final int MAX_OPTIONS = 32;
    public static final int MAX_API_KEY_LENGTH = 4096;
    private static final Pattern MODEL = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /**
     * Checks every field and returns the definition to store.
     *
     * @throws InvalidInputException naming each offending field; {@code base_url} must pass {@code urls}
     */
    public ProviderDefinition validate(OutboundUrlRules urls, HostResolver resolver) {
        Map<String, List<String>> errors = new TreeMap<>();
        if (id == null || !ID.matcher(id).matches()) {
            add(errors, "id", "must be 1-64 characters of lower-case letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        ProviderKind parsedKind = null;
        try {
            parsedKind = ProviderKind.fromWire(kind);
            if (parsedKind == ProviderKind.SANDBOX) {
                add(errors, "kind", "sandbox is built in and cannot be registered");
            }
        } catch (InvalidInputException e) {
            add(errors, "kind", "must be one of openai, ollama, anthropic, bedrock");
        }
        String url = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        if (url != null) {
            urls.problem(url, resolver).ifPresent(problem -> add(errors, "base_url", problem));
        } else if (parsedKind == ProviderKind.OLLAMA) {
            add(errors, "base_url", "is required for kind ollama");
        }
        if (apiKey != null && (apiKey.length() > MAX_API_KEY_LENGTH || apiKey.chars().anyMatch(Character::isISOControl))) {
            add(errors, "api_key", "must be at most " + MAX_API_KEY_LENGTH + " characters without control characters");
        }
        List<String> cleanModels = models(errors);
        Map<String, String> cleanOptions = options(errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(describe(errors), errors);
        }
        return new ProviderDefinition(id, parsedKind, url == null ? null : stripTrailingSlash(url), cleanModels,
                cleanOptions, enabled == null || enabled);
    }

    private List<String> models(Map<String, List<String>> errors) {
        if (models == null) {
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String model : models) {
            if (model == null || !MODEL.matcher(model.strip()).matches()) {
                add(errors, "models", "each model id must be 1-200 printable characters without spaces");
                return List.of();
            }
            unique.add(model.strip());
        }
        if (unique.size() > MAX_MODELS) {
            add(errors, "models", "at most " + MAX_MODELS + " models may be declared");
        }
        return new ArrayList<>(unique);
    }

    private Map<String, String> options(Map<String, List<String>> errors) {
        if (options == null) {
            return Map.of();
        }
        if (options.size() > MAX_OPTIONS) {
            add(errors, "options", "at most " + MAX_OPTIONS + " options may be set");
            return Map.of();
        }
        Map<String, String> clean = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            if (name == null || !OPTION_NAME.matcher(name).matches() || value == null || value.length() > 1024) {
                add(errors, "options", "names are 1-64 letters, digits, '_', '-' or '.'; values at most 1024 characters");
            } else {
                clean.put(name, value);
            }
        });
        return clean;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        List<String> messages = errors.computeIfAbsent(field, f -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder detail = new StringBuilder("Invalid provider: ");
        errors.forEach((field, messages) -> detail.append(field).append(' ').append(String.join(", ", messages)).append("; "));
        return detail.substring(0, detail.length() - 2);
    }

    @Override
    public String toString() {
        return "ProviderRegistration[id=" + id + ", kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "unchanged" : apiKey.isEmpty() ? "removed" : "***") + ", models=" + models
                + ", enabled=" + enabled + "]";
    }
}
