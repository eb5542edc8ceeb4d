package dev.athanor.actions.llmtest;

import dev.athanor.actions.calls.CallerLimits;
import dev.athanor.actions.calls.ModelCall;
import dev.athanor.actions.calls.ModelCalls;
import dev.athanor.actions.calls.PromptText;
import dev.athanor.actions.config.SurfaceModels;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.llm.ChatMessage;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Test button: a prompt template tried on a model before it is saved. {@code {{input}}} takes {@code input}, other
 * placeholders take {@code variables}; the model defaults to this surface's. Counts against the caller's tests per
 * minute, and is kept as a {@code test} interaction.
 */
@Singleton
public class LlmTest {

    static final String KIND = "test";

    private final SurfaceModels models;
    private final ModelCalls calls;
    private final CallerLimits limits;

    LlmTest(SurfaceModels models, ModelCalls calls, CallerLimits limits) {
        this.models = models;
        this.calls = calls;
        this.limits = limits;
    }

    public ModelCalls.Answer run(TeamPrincipal caller, RequestFields fields) {
        String prompt = PromptText.text(fields, "prompt");
        if (prompt == null || prompt.isBlank()) {
            fields.error("prompt", prompt == null ? "is required" : "must not be empty");
        }
        String input = PromptText.text(fields, "input");
        String model = fields.has("model_name") ? fields.string("model_name") : null;
        if (model != null) {
            models.checkModel(caller.team(), model, "model_name", fields);
        } else {
            model = models.defaultModel(caller.team());
        }
        double temperature = temperature(fields);
        Integer maxTokens = fields.has("max_tokens") ? fields.integer("max_tokens") : null;
        int tokens = maxTokens == null ? 1000 : maxTokens;
        models.checkMaxTokens(model, tokens, "max_tokens", fields);
        Map<String, Object> values = new LinkedHashMap<>(PromptText.variables(fields));
        fields.check("test");
        if (input != null) {
            values.put("input", input);
        }
        String text = PromptText.render(prompt, values, "prompt", fields);
        fields.check("test");
        limits.admitTest(caller);
        return calls.call(caller, new ModelCall(KIND, model.strip(), List.of(ChatMessage.user(text)), temperature,
                tokens, null, null, input == null ? prompt : input));
    }

    private static double temperature(RequestFields fields) {
        Double value = fields.has("temperature") ? fields.number("temperature") : null;
        SurfaceModels.checkTemperature(value, "temperature", fields);
        return value == null ? 0.7 : value;
    }
}
