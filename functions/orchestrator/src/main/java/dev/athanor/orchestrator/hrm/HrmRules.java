package dev.athanor.orchestrator.hrm;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.orchestrator.HrmConfig;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of an HRM config with the type and range seed 002 gives it (ranges it leaves open are chosen here:
 * {@code cost_ceiling} at least 0, {@code checkpoints} up to ten ascending fractions), and the merge of a partial
 * config onto a whole one: sections and their settings are replaced one by one, a list as a whole. A problem is
 * recorded under the setting's path ({@code agent_switching.max_switches_per_task}) so all are reported at once.
 */
final class HrmRules {

    enum Kind { BOOLEAN, INTEGER, NUMBER, CHOICE, FRACTIONS }

    static final int MAX_CHECKPOINTS = 10;

    /** One setting; {@code min}/{@code max} are written as the messages show them, null when unbounded. */
    record Rule(String section, String field, Kind kind, @Nullable String min, @Nullable String max,
                List<String> choices) {

        String path() {
            return section + "." + field;
        }

        /** What is wrong with {@code value} for this setting, null when it is acceptable. */
        @Nullable
        String problem(@Nullable Object value) {
            if (value == null) {
                return "must not be null";
            }
            return switch (kind) {
                case BOOLEAN -> value instanceof Boolean ? null : "must be a boolean";
                case CHOICE -> choices.contains(value) ? null : "must be one of " + String.join(", ", choices);
                case INTEGER -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        ? range(n.doubleValue()) : "must be an integer";
                case NUMBER -> value instanceof Number n ? range(n.doubleValue()) : "must be a number";
                case FRACTIONS -> fractions(value);
            };
        }

        @Nullable
        private String range(double value) {
            boolean low = min != null && value < Double.parseDouble(min);
            boolean high = max != null && value > Double.parseDouble(max);
            if (!low && !high) {
                return null;
            }
            return max == null ? "must be at least " + min : "must be between " + min + " and " + max;
        }

        @Nullable
        private String fractions(Object value) {
            String problem = "must be a list of at most " + MAX_CHECKPOINTS
                    + " numbers between 0.0 and 1.0 in ascending order";
            if (!(value instanceof List<?> list) || list.size() > MAX_CHECKPOINTS) {
                return problem;
            }
            double previous = -1;
            for (Object item : list) {
                if (!(item instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1
                        || n.doubleValue() <= previous) {
                    return problem;
                }
                previous = n.doubleValue();
            }
            return null;
        }
    }

    static final List<Rule> RULES = List.of(
            bool("latent_reasoning", "enabled"),
            new Rule("latent_reasoning", "dimensionality", Kind.INTEGER, "128", "1024", List.of()),
            new Rule("latent_reasoning", "compression_ratio_target", Kind.NUMBER, "1.0", "10.0", List.of()),
            bool("latent_reasoning", "auto_adjust"),
            new Rule("ml_iteration_prediction", "mode", Kind.CHOICE, null, null, HrmConfig.MODES),
            new Rule("ml_iteration_prediction", "max_iterations", Kind.INTEGER, "2", "20", List.of()),
            new Rule("ml_iteration_prediction", "confidence_threshold", Kind.NUMBER, "0.0", "1.0", List.of()),
            new Rule("agent_switching", "strategy", Kind.CHOICE, null, null, HrmConfig.STRATEGIES),
            new Rule("agent_switching", "quality_drop_threshold", Kind.NUMBER, "0.0", "1.0", List.of()),
            new Rule("agent_switching", "cost_ceiling", Kind.NUMBER, "0", null, List.of()),
            new Rule("agent_switching", "max_switches_per_task", Kind.INTEGER, "0", "10", List.of()),
            bool("deep_supervision", "enabled"),
            new Rule("deep_supervision", "checkpoints", Kind.FRACTIONS, null, null, List.of()),
            new Rule("deep_supervision", "quality_gate_threshold", Kind.NUMBER, "0.0", "1.0", List.of()),
            bool("parallel_evaluation", "enabled"),
            new Rule("parallel_evaluation", "worker_count", Kind.INTEGER, "1", "16", List.of()),
            new Rule("parallel_evaluation", "timeout_seconds", Kind.INTEGER, "10", "300", List.of()),
            bool("caching", "memory"),
            bool("caching", "disk"),
            bool("caching", "remote"),
            bool("caching", "aggressive_mode"),
            new Rule("caching", "max_size_mb", Kind.INTEGER, "100", "5000", List.of()),
            bool("bayesian_optimization", "enabled"),
            new Rule("bayesian_optimization", "iterations", Kind.INTEGER, "10", "100", List.of()),
            bool("rl_refinement", "enabled"),
            new Rule("rl_refinement", "epsilon", Kind.NUMBER, "0.0", "1.0", List.of()),
            new Rule("rl_refinement", "learning_rate", Kind.NUMBER, "0.0001", "0.1", List.of()),
            bool("prometheus_metrics", "enabled"),
            new Rule("prometheus_metrics", "export_interval", Kind.INTEGER, "5", "60", List.of()),
            bool("multi_repo", "enabled"));

    private HrmRules() {
    }

    /**
     * {@code current} with the settings of {@code changes} (a partial config, as sent) in place of its own; each
     * problem is recorded in {@code errors}, and then {@code current} is returned unchanged.
     */
    static HrmConfig merge(HrmConfig current, Map<String, Object> changes, RequestFields errors) {
        return merge(current, changes, errors, "");
    }

    /** As {@link #merge(HrmConfig, Map, RequestFields)}, each problem recorded under {@code prefix} + its path. */
    static HrmConfig merge(HrmConfig current, Map<String, Object> changes, RequestFields errors, String prefix) {
        Map<String, Object> merged = ConfigTree.of(current);
        boolean valid = true;
        for (Map.Entry<String, Object> section : changes.entrySet()) {
            if (!(merged.get(section.getKey()) instanceof Map<?, ?> target)) {
                errors.error(prefix + section.getKey(), "is not an HRM setting");
                valid = false;
            } else if (!(section.getValue() instanceof Map<?, ?> settings)) {
                errors.error(prefix + section.getKey(), "must be an object");
                valid = false;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> into = (Map<String, Object>) target;
                for (Map.Entry<?, ?> setting : settings.entrySet()) {
                    valid &= set(section.getKey(), String.valueOf(setting.getKey()), setting.getValue(), into, errors,
                            prefix);
                }
            }
        }
        return valid ? ConfigTree.config(merged) : current;
    }

    private static boolean set(String section, String field, @Nullable Object value, Map<String, Object> into,
                               RequestFields errors, String prefix) {
        Rule rule = RULES.stream().filter(r -> r.section().equals(section) && r.field().equals(field))
                .findFirst().orElse(null);
        String problem = rule == null ? "is not an HRM setting" : rule.problem(value);
        if (problem != null) {
            errors.error(prefix + section + "." + field, problem);
            return false;
        }
        into.put(field, value instanceof Number n && rule.kind() == Kind.INTEGER
                ? Integer.valueOf(new BigDecimal(n.toString()).intValue()) : value);
        return true;
    }

    private static Rule bool(String section, String field) {
        return new Rule(section, field, Kind.BOOLEAN, null, null, List.of());
    }

    /** Each setting of the two configs whose value differs, in the order of {@link #RULES}. */
    static Map<String, Object[]> differences(@Nullable HrmConfig before, HrmConfig after) {
        Map<String, Object> old = before == null ? Map.of() : ConfigTree.of(before);
        Map<String, Object> now = ConfigTree.of(after);
        Map<String, Object[]> changed = new LinkedHashMap<>();
        for (Rule rule : RULES) {
            Object was = value(old, rule);
            Object is = value(now, rule);
            if (!same(was, is)) {
                changed.put(rule.path(), new Object[] {was, is});
            }
        }
        return changed;
    }

    @Nullable
    private static Object value(Map<String, Object> tree, Rule rule) {
        return tree.get(rule.section()) instanceof Map<?, ?> section ? section.get(rule.field()) : null;
    }

    /** Equal values, numbers by value (a stored 3 and a sent 3.0 are the same). */
    private static boolean same(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
