package dev.athanor.model.projects;

import dev.athanor.model.error.InvalidInputException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a valid project is, and how a client's draft becomes one: missing fields take their defaults, the slug is
 * derived from the name when not given, and every offending field is named in one {@link InvalidInputException}.
 */
public final class ProjectRules {

    /** The statuses the factory's KPIs break projects down by, in that order. */
    public static final List<String> STATUSES = List.of("discovery", "development", "production", "blocked");

    public static final int MAX_SLUG = 64;
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_SHORT_TEXT = 32;
    public static final int MAX_REPOSITORY = 500;
    public static final int MAX_FEATURES = 50;
    public static final int MAX_FEATURE = 64;
    public static final BigDecimal MAX_MONTHLY_SPEND = BigDecimal.valueOf(1_000_000_000);

    static final String DEFAULT_STATUS = "discovery";
    static final String DEFAULT_HEALTH = "healthy";
    static final String DEFAULT_ICON = "📱";
    static final String DEFAULT_SLA = "100%";

    private static final String SLUG_RULE = "must be lower-case letters and digits in words joined by '-', at most "
            + MAX_SLUG + " characters";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

    private ProjectRules() {
    }

    /** "Flutter Todo App" becomes "flutter-todo-app"; accents are dropped; empty when nothing usable is left. */
    public static String slugify(String name) {
        String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
                .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
        String slug = trimDashes(NOT_SLUG.matcher(plain).replaceAll("-"));
        return slug.length() > MAX_SLUG ? trimDashes(slug.substring(0, MAX_SLUG)) : slug;
    }

    public static boolean isSlug(String slug) {
        return slug != null && slug.length() <= MAX_SLUG && SLUG.matcher(slug).matches();
    }

    /**
     * The project a draft describes.
     *
     * @param pathSlug  the slug the request addressed (a PUT), or null when the draft names or implies its own
     * @param createdAt when the project was first stored (now, for a new one)
     * @throws InvalidInputException naming every offending field
     */
    public static Project build(ProjectDraft draft, String pathSlug, Instant createdAt, Instant updatedAt) {
        Map<String, List<String>> errors = new TreeMap<>();
        String name = strip(draft.name());
        if (name == null || name.isEmpty()) {
            error(errors, "name", "is required");
        } else if (name.length() > MAX_NAME) {
            error(errors, "name", "must be at most " + MAX_NAME + " characters");
        }
        String slug = slug(draft, pathSlug, name, errors);
        String status = orDefault(draft.status(), DEFAULT_STATUS).toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            error(errors, "status", "must be one of " + String.join(", ", STATUSES));
        }
        String health = bounded(errors, "health", orDefault(draft.health(), DEFAULT_HEALTH), MAX_SHORT_TEXT);
        String sla = bounded(errors, "sla", orDefault(draft.sla(), DEFAULT_SLA), MAX_SHORT_TEXT);
        String icon = bounded(errors, "icon", draft.icon() == null ? DEFAULT_ICON : draft.icon().strip(),
                MAX_SHORT_TEXT);
        String description = bounded(errors, "description", draft.description() == null ? "" : draft.description(),
                MAX_DESCRIPTION);
        String repository = bounded(errors, "repository",
                draft.repository() == null ? "" : draft.repository().strip(), MAX_REPOSITORY);
        BigDecimal spend = monthlySpend(draft.monthlySpend(), errors);
        int progress = draft.buildProgress() == null ? 0 : draft.buildProgress();
        if (progress < 0 || progress > 100) {
            error(errors, "build_progress", "must be between 0 and 100");
        }
        List<String> features = features(draft.features(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(describe(errors), errors);
        }
        return new Project(slug, name, description, status, health, icon, repository, spend, sla, progress, features,
                createdAt, updatedAt);
    }

    private static String slug(ProjectDraft draft, String pathSlug, String name, Map<String, List<String>> errors) {
        String given = strip(draft.slug());
        if (given != null && given.isEmpty()) {
            given = null;
        }
        if (pathSlug != null) {
            if (!isSlug(pathSlug)) {
                error(errors, "slug", SLUG_RULE);
            } else if (given != null && !given.equals(pathSlug)) {
                error(errors, "slug", "must match the slug in the URL ('" + pathSlug + "') or be left out");
            }
            return pathSlug;
        }
        if (given != null) {
            if (!isSlug(given)) {
                error(errors, "slug", SLUG_RULE);
            }
            return given;
        }
        if (name == null || name.isEmpty()) {
            return "";
        }
        String derived = slugify(name);
        if (derived.isEmpty()) {
            error(errors, "slug", "cannot be derived from the name; give one");
        }
        return derived;
    }

    private static BigDecimal monthlySpend(BigDecimal given, Map<String, List<String>> errors) {
        if (given == null) {
            return BigDecimal.ZERO;
        }
        if (given.signum() < 0) {
            error(errors, "monthly_spend", "must not be negative");
        } else if (given.compareTo(MAX_MONTHLY_SPEND) > 0) {
            error(errors, "monthly_spend", "must be at most " + MAX_MONTHLY_SPEND);
        }
        // cents are enough for a monthly figure; an exponent form (1E+3) would come back out as such
        return given.scale() > 2 ? given.setScale(2, RoundingMode.HALF_UP)
                : given.scale() < 0 ? given.setScale(0, RoundingMode.UNNECESSARY) : given;
    }

    private static List<String> features(List<String> given, Map<String, List<String>> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_FEATURES) {
            error(errors, "features", "must list at most " + MAX_FEATURES + " features");
            return List.of();
        }
        List<String> features = new ArrayList<>(given.size());
        for (String feature : given) {
            String value = strip(feature);
            if (value == null || value.isEmpty() || value.length() > MAX_FEATURE) {
                error(errors, "features", "must be names of 1 to " + MAX_FEATURE + " characters");
                return List.of();
            }
            features.add(value);
        }
        return features;
    }

    private static String bounded(Map<String, List<String>> errors, String field, String value, int max) {
        if (value.length() > max) {
            error(errors, field, "must be at most " + max + " characters");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        String stripped = strip(value);
        return stripped == null || stripped.isEmpty() ? fallback : stripped;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String trimDashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '-') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '-') {
            end--;
        }
        return value.substring(start, end);
    }

    private static void error(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder detail = new StringBuilder("Invalid project: ");
        errors.forEach((field, messages) -> detail.append(field).append(' ').append(String.join(", ", messages))
                .append("; "));
        return detail.substring(0, detail.length() - 2);
    }
}
