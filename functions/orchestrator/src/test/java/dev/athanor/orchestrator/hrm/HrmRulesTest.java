package dev.athanor.orchestrator.hrm;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.orchestrator.HrmConfig;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each range of seed 002's HRMConfig model (9.4), at and just beyond both of its ends. */
class HrmRulesTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    /** The config with one setting changed, or the problems named by setting when it is refused. */
    private Object merged(String section, String field, Object value) {
        RequestFields errors = RequestFields.parse(JSON, "{}");
        HrmConfig config = HrmRules.merge(HrmConfig.DEFAULTS, Map.of(section, Map.of(field, value)), errors);
        if (errors.valid()) {
            return config;
        }
        return assertThrows(InvalidInputException.class, errors::check).fieldErrors();
    }

    private double value(HrmConfig config, String section, String field) {
        return ((Number) ((Map<?, ?>) ConfigTree.of(config).get(section)).get(field)).doubleValue();
    }

    @Test
    void every_setting_of_the_model_has_a_rule_and_converts_both_ways() {
        List<String> settings = ConfigTree.of(HrmConfig.DEFAULTS).entrySet().stream()
                .flatMap(section -> ((Map<?, ?>) section.getValue()).keySet().stream()
                        .map(field -> section.getKey() + "." + field))
                .toList();

        assertEquals(HrmRules.RULES.stream().map(HrmRules.Rule::path).toList(), settings);
        assertEquals(30, settings.size());
        BuiltinPresets.ALL.forEach(preset ->
                assertEquals(preset.config(), ConfigTree.config(ConfigTree.of(preset.config())), preset.name()));
    }

    @ParameterizedTest(name = "{0}.{1}: {2} to {3}")
    @CsvSource({
            "latent_reasoning, dimensionality, 128, 1024, 127, 1025, must be between 128 and 1024",
            "latent_reasoning, compression_ratio_target, 1.0, 10.0, 0.99, 10.01, must be between 1.0 and 10.0",
            "ml_iteration_prediction, max_iterations, 2, 20, 1, 21, must be between 2 and 20",
            "ml_iteration_prediction, confidence_threshold, 0.0, 1.0, -0.01, 1.01, must be between 0.0 and 1.0",
            "agent_switching, quality_drop_threshold, 0.0, 1.0, -0.01, 1.01, must be between 0.0 and 1.0",
            "agent_switching, max_switches_per_task, 0, 10, -1, 11, must be between 0 and 10",
            "deep_supervision, quality_gate_threshold, 0.0, 1.0, -0.01, 1.01, must be between 0.0 and 1.0",
            "parallel_evaluation, worker_count, 1, 16, 0, 17, must be between 1 and 16",
            "parallel_evaluation, timeout_seconds, 10, 300, 9, 301, must be between 10 and 300",
            "caching, max_size_mb, 100, 5000, 99, 5001, must be between 100 and 5000",
            "bayesian_optimization, iterations, 10, 100, 9, 101, must be between 10 and 100",
            "rl_refinement, epsilon, 0.0, 1.0, -0.01, 1.01, must be between 0.0 and 1.0",
            "rl_refinement, learning_rate, 0.0001, 0.1, 0.00009, 0.11, must be between 0.0001 and 0.1",
            "prometheus_metrics, export_interval, 5, 60, 4, 61, must be between 5 and 60"})
    void a_setting_is_accepted_at_both_ends_of_its_range_and_refused_beyond_them(String section, String field,
            double min, double max, double below, double above, String problem) {
        Map<String, List<String>> refused = Map.of(section + "." + field, List.of(problem));

        Object atMin = merged(section, field, min);
        Object atMax = merged(section, field, max);

        assertEquals(min, value((HrmConfig) atMin, section, field));
        assertEquals(max, value((HrmConfig) atMax, section, field));
        assertEquals(refused, merged(section, field, below));
        assertEquals(refused, merged(section, field, above));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "latent_reasoning | dimensionality | 512.5 | must be an integer",
            "latent_reasoning | enabled | 1 | must be a boolean",
            "ml_iteration_prediction | mode | always | must be one of auto, manual, fixed",
            "agent_switching | strategy | cheapest | must be one of cost_optimized, quality_first, speed_optimized, "
                    + "adaptive, round_robin, manual",
            "agent_switching | cost_ceiling | -0.01 | must be at least 0",
            "caching | aggressive_mode | on | must be a boolean"})
    void a_value_of_the_wrong_kind_or_outside_its_choices_is_refused(String section, String field, String text,
                                                                     String problem) {
        Object value = text.matches("-?[0-9.]+") ? (Object) Double.parseDouble(text) : text;

        assertEquals(Map.of(section + "." + field, List.of(problem)), merged(section, field, value));
    }

    @ParameterizedTest(name = "checkpoints {0}")
    @CsvSource(delimiter = '|', value = {"[0.2, 0.1]", "[0.5, 0.5]", "[-0.1, 1]", "[0.5, 1.1]",
            "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0]", "0.5"})
    void checkpoints_must_be_at_most_ten_ascending_fractions(String json) throws Exception {
        Object value = JSON.readValue(json, Object.class);

        assertEquals(Map.of("deep_supervision.checkpoints", List.of("must be a list of at most 10 numbers between "
                + "0.0 and 1.0 in ascending order")), merged("deep_supervision", "checkpoints", value));
    }

    @ParameterizedTest(name = "checkpoints {0}")
    @CsvSource(delimiter = '|', value = {"[]", "[1]", "[0, 0.5, 1]"})
    void checkpoints_within_the_rules_are_kept(String json) throws Exception {
        List<Object> value = JSON.readValue(json, Argument.listOf(Object.class));

        HrmConfig config = (HrmConfig) merged("deep_supervision", "checkpoints", value);

        assertEquals(value.stream().map(v -> ((Number) v).doubleValue()).toList(),
                config.deepSupervision().checkpoints());
    }
}
