package dev.athanor.model.ollama;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call of Ollama's {@code /api/generate}: a raw prompt completion. Null fields are not sent, so Ollama applies
 * its own defaults.
 *
 * @param context the {@code context} of an earlier generation, to continue it
 * @param options model options as Ollama names them (temperature, top_p, num_predict, stop, seed, ...)
 */
public record OllamaGenerateRequest(String model, String prompt, String system, List<Long> context,
                                    Map<String, Object> options) {

    public OllamaGenerateRequest {
        Objects.requireNonNull(model, "model");
        prompt = prompt == null ? "" : prompt;
        context = context == null ? null : List.copyOf(context);
        options = options == null ? null : Map.copyOf(options);
    }
}
