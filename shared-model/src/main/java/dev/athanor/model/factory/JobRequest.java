package dev.athanor.model.factory;

import dev.athanor.model.error.InvalidInputException;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A request for a generated app, as {@code POST /api/jobs} and the intake queue take it, checked and completed
 * with the documented defaults.
 *
 * @param review     phases whose result a person must approve even when the agent raised nothing
 * @param reviewable the phases the pipeline lets a job ask that for (its choice rules on {@code review_<phase>})
 */
public record JobRequest(String name, String description, String platform, String style, String backend,
                         String features, String slug, List<String> review, List<String> reviewable) {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    /** The variable {@code review_<phase>} says whether the job asked a person to review the phase. */
    public static final String REVIEW_VARIABLE_PREFIX = "review_";
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 4000;
    private static final int MAX_FIELD = 500;

    /**
     * @param reviewable the phases {@code review} may name
     * @throws InvalidInputException naming every offending field
     */
    public static JobRequest of(Map<String, ?> body, List<String> reviewable) {
        if (body == null) {
            throw new InvalidInputException("Body must be a JSON object");
        }
        Map<String, List<String>> errors = new TreeMap<>();
        String name = text(body, "name", null, MAX_NAME, true, errors);
        String description = text(body, "description", null, MAX_TEXT, true, errors);
        String platform = text(body, "platform", "android,ios", MAX_FIELD, false, errors);
        String style = text(body, "style", "modern", MAX_FIELD, false, errors);
        String backend = text(body, "backend", "none", MAX_FIELD, false, errors);
        String features = features(body, errors);
        String slug = text(body, "slug", null, 64, false, errors);
        if (slug == null || slug.isEmpty()) {
            slug = name == null ? null : slugOf(name);
            if (name != null && (slug == null || slug.isEmpty())) {
                errors.computeIfAbsent("slug", k -> new ArrayList<>()).add("cannot be derived from the name; give one");
            }
        } else if (!SLUG.matcher(slug).matches()) {
            errors.computeIfAbsent("slug", k -> new ArrayList<>())
                    .add("must be 1-64 lower-case letters, digits and inner hyphens");
        }
        List<String> review = review(body.get("review"), reviewable, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(describe(errors), errors);
        }
        return new JobRequest(name, description, platform, style, backend, features, slug, review,
                List.copyOf(reviewable));
    }

    /** "My Todo App!" -> "my-todo-app"; empty when nothing usable is left. */
    public static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("-+$", "");
        }
        return slug;
    }

    /** The execution's input variables. */
    public Map<String, String> variables(int maxRepairAttempts) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("subject", slug);
        vars.put("slug", slug);
        vars.put("name", name);
        vars.put("description", description);
        vars.put("platform", platform);
        vars.put("style", style);
        vars.put("backend", backend);
        vars.put("features", features);
        vars.put("max_repair_attempts", Integer.toString(maxRepairAttempts));
        for (String phase : reviewable) {
            vars.put(REVIEW_VARIABLE_PREFIX + phase, Boolean.toString(review.contains(phase)));
        }
        return vars;
    }

    private static String text(Map<String, ?> body, String field, String fallback, int max, boolean required,
                               Map<String, List<String>> errors) {
        Object raw = body.get(field);
        if (raw == null) {
            if (required) {
                errors.computeIfAbsent(field, k -> new ArrayList<>()).add("is required");
            }
            return fallback;
        }
        if (!(raw instanceof String s)) {
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add("must be a string");
            return fallback;
        }
        String value = s.strip();
        if (required && value.isEmpty()) {
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add("must not be empty");
        } else if (value.length() > max) {
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add("must be at most " + max + " characters");
        }
        return value.isEmpty() && fallback != null ? fallback : value;
    }

    /** A comma-separated string as documented, or a list of strings. */
    private static String features(Map<String, ?> body, Map<String, List<String>> errors) {
        Object raw = body.get("features");
        if (raw instanceof List<?> list) {
            if (list.stream().allMatch(String.class::isInstance)) {
                return String.join(",", list.stream().map(o -> ((String) o).strip()).toList());
            }
            errors.computeIfAbsent("features", k -> new ArrayList<>()).add("must be a string or a list of strings");
            return "";
        }
        return text(body, "features", "", MAX_TEXT, false, errors);
    }

    private static List<String> review(Object raw, List<String> reviewable, Map<String, List<String>> errors) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof String s
                && reviewable.contains(s))) {
            errors.computeIfAbsent("review", k -> new ArrayList<>()).add("must be a list of " + reviewable);
            return List.of();
        }
        return list.stream().map(String.class::cast).distinct().toList();
    }

    private static String describe(Map<String, List<String>> errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach((field, problems) -> parts.add(field + ": " + String.join("; ", problems)));
        return String.join(", ", parts);
    }
}
