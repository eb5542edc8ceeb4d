package dev.athanor.promptlab.git;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a project's folder (see {@link RepoLayout}) as text, and back. Files are pretty-printed JSON with a
 * final newline, keys in a fixed order and nulls written, so a pull request's diff shows only what changed.
 */
@Singleton
public class GitFiles {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonMapper json;

    GitFiles(JsonMapper json) {
        this.json = json;
    }

    /** The production prompt file: the {@code /prompt/...} API's fields (camelCase). */
    public String prompt(PromptProject project, PromptSettings prompt) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("project", project.name());
        file.put("providerId", project.providerId());
        file.put("userPrompt", prompt.userPrompt());
        file.put("systemPrompt", prompt.systemPrompt());
        file.put("messages", prompt.messages() == null ? null : prompt.messages().stream()
                .map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        file.put("temperature", prompt.temperature());
        file.put("maxLen", prompt.maxLen());
        file.put("topP", prompt.topP());
        file.put("topK", prompt.topK());
        file.put("variables", prompt.variables());
        return pretty(file);
    }

    /** The test settings file: the {@code test-settings} API's fields (snake_case). */
    public String settings(@Nullable String testBackendUrl, PromptSettings prompt) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("test_backend_url", testBackendUrl);
        file.put("user_prompt", prompt.userPrompt());
        file.put("system_prompt", prompt.systemPrompt());
        file.put("messages", prompt.messages() == null ? null : prompt.messages().stream()
                .map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        file.put("variables", prompt.variables());
        file.put("temperature", prompt.temperature());
        file.put("max_len", prompt.maxLen());
        file.put("top_p", prompt.topP());
        file.put("top_k", prompt.topK());
        return pretty(file);
    }

    public String project(PromptProject project) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", project.name());
        file.put("provider_id", project.providerId());
        file.put("description", project.description());
        return pretty(file);
    }

    /** A record of one promotion, for {@code history/}. */
    public String promotion(Map<String, Object> fields) {
        return pretty(fields);
    }

    /** The prompt in a production prompt file; empty when the file is not one (edited by hand into another shape). */
    public Optional<PromptSettings> readPrompt(String content) {
        try {
            PromptFile file = json.readValue(content, PromptFile.class);
            return Optional.of(new PromptSettings(file.userPrompt(), file.systemPrompt(), file.messages(),
                    file.variables(), file.temperature(), file.maxLen(), file.topP(), file.topK()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The test settings in a settings file; empty when the file is not one. */
    public Optional<SettingsFile> readSettings(String content) {
        try {
            return Optional.of(json.readValue(content, SettingsFile.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String pretty(Object value) {
        try {
            StringWriter out = new StringWriter();
            try (JsonParser parser = JSON.createParser(json.writeValueAsString(value));
                 JsonGenerator generator = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
                while (parser.nextToken() != null) {
                    generator.copyCurrentEvent(parser);
                }
            }
            return out + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Serdeable
    record PromptFile(@Nullable String userPrompt,
                      @Nullable String systemPrompt,
                      @Nullable List<PromptSettings.Message> messages,
                      @Nullable Map<String, Object> variables,
                      @Nullable Double temperature,
                      @Nullable Integer maxLen,
                      @Nullable Double topP,
                      @Nullable Integer topK) {
    }

    @Serdeable
    public record SettingsFile(@com.fasterxml.jackson.annotation.JsonProperty("test_backend_url")
                               @Nullable String testBackendUrl,
                               @com.fasterxml.jackson.annotation.JsonProperty("user_prompt") @Nullable String userPrompt,
                               @com.fasterxml.jackson.annotation.JsonProperty("system_prompt")
                               @Nullable String systemPrompt,
                               @Nullable List<PromptSettings.Message> messages,
                               @Nullable Map<String, Object> variables,
                               @Nullable Double temperature,
                               @com.fasterxml.jackson.annotation.JsonProperty("max_len") @Nullable Integer maxLen,
                               @com.fasterxml.jackson.annotation.JsonProperty("top_p") @Nullable Double topP,
                               @com.fasterxml.jackson.annotation.JsonProperty("top_k") @Nullable Integer topK) {

        public PromptSettings prompt() {
            return new PromptSettings(userPrompt, systemPrompt, messages, variables, temperature, maxLen, topP, topK);
        }
    }
}
