package dev.athanor.gateway.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.ollama.OllamaGeneration;
import dev.athanor.model.ollama.OllamaModel;
import dev.athanor.model.ollama.OllamaPullProgress;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;

/** The Ollama routes' answers, in the API document's field names (Ollama's own). */
final class OllamaViews {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private OllamaViews() {
    }

    @Serdeable
    record ModelList(List<Model> models) {

        static ModelList of(List<OllamaModel> models) {
            return new ModelList(models.stream().map(Model::of).toList());
        }
    }

    /** @param size human-readable, in decimal units as Ollama's own CLI shows it ("3.8GB") */
    @Serdeable
    record Model(String name, String size, String digest, @JsonProperty("modified_at") String modifiedAt,
                 Details details) {

        static Model of(OllamaModel model) {
            OllamaModel.Details d = model.details();
            return new Model(model.name(), humanSize(model.size()), model.digest(), model.modifiedAt(),
                    d == null ? null : new Details(d.format(), d.family(), d.families(), d.parameterSize(),
                            d.quantizationLevel()));
        }
    }

    @Serdeable
    record Details(String format, String family, List<String> families,
                   @JsonProperty("parameter_size") String parameterSize,
                   @JsonProperty("quantization_level") String quantizationLevel) {
    }

    /** One answer of /api/generate as Ollama gives it: a stream's pieces carry no timings, so absent fields are left out. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Generation(String model, @JsonProperty("created_at") String createdAt, String response, boolean done,
                      @JsonProperty("done_reason") String doneReason, List<Long> context,
                      @JsonProperty("total_duration") Long totalDuration,
                      @JsonProperty("load_duration") Long loadDuration,
                      @JsonProperty("prompt_eval_count") Long promptEvalCount,
                      @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
                      @JsonProperty("eval_count") Long evalCount,
                      @JsonProperty("eval_duration") Long evalDuration) {

        static Generation of(OllamaGeneration g) {
            return new Generation(g.model(), g.createdAt(), g.response() == null ? "" : g.response(), g.done(),
                    g.doneReason(), g.context(), g.totalDuration(), g.loadDuration(), g.promptEvalCount(),
                    g.promptEvalDuration(), g.evalCount(), g.evalDuration());
        }
    }

    /** A pull's progress line; digest and byte counts only while a layer downloads, as in Ollama's own stream. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Progress(String status, String digest, Long total, Long completed) {

        static Progress of(OllamaPullProgress p) {
            return new Progress(p.status(), p.digest(), p.total(), p.completed());
        }
    }

    @Serdeable
    record Deleted(boolean deleted, String model) {
    }

    /**
     * Bytes in decimal units (1 KB = 1000 B, as Ollama counts): one decimal under 10 of a unit ("3.8GB"), whole above
     * ("13GB"), plain bytes under 1 KB ("512B").
     */
    static String humanSize(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        if (unit == 0) {
            return bytes + UNITS[0];
        }
        double tenths = Math.round(value * 10) / 10.0;
        return tenths < 10 ? String.format(Locale.ROOT, "%.1f%s", tenths, UNITS[unit])
                : Math.round(value) + UNITS[unit];
    }
}
