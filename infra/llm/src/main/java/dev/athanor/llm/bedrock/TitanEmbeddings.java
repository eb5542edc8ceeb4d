package dev.athanor.llm.bedrock;

import dev.athanor.llm.http.Json;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Amazon Titan text embeddings through InvokeModel. Titan takes one text per call, so a batch is one call per
 * input. V2 makes 1024, 512 or 256 dimensions and is asked for unit-length vectors, as OpenAI's are; v1 has one
 * size and no settings.
 */
final class TitanEmbeddings {

    static final String DEFAULT_MODEL = "amazon.titan-embed-text-v2:0";
    private static final Set<Integer> V2_DIMENSIONS = Set.of(256, 512, 1024);

    private final String providerId;
    private final ModelInvocation invocation;

    TitanEmbeddings(String providerId, ModelInvocation invocation) {
        this.providerId = providerId;
        this.invocation = invocation;
    }

    static boolean supports(String model) {
        // also the cross-region profile spellings, e.g. us.amazon.titan-embed-text-v2:0
        String id = model.toLowerCase(Locale.ROOT);
        return id.startsWith("amazon.titan-embed-text") || id.contains(".amazon.titan-embed-text");
    }

    private static boolean v1(String model) {
        return model.toLowerCase(Locale.ROOT).contains("titan-embed-text-v1");
    }

    EmbeddingResponse embed(EmbeddingRequest request, String model) {
        refuseDimensions(request, model);
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (String input : request.input()) {
            JsonNode body = v1(model) ? Json.object("inputText", input)
                    : Json.object("inputText", input, "dimensions", request.dimensions(), "normalize", true);
            ModelInvocation.Answer answer = invocation.invoke(model, body);
            JsonNode embedding = Json.at(answer.body(), "embedding");
            if (embedding == null || !embedding.isArray()) {
                throw invocation.noVectors();
            }
            vectors.add(Json.floats(embedding));
            tokens += Json.integer(answer.body(), "inputTextTokenCount");
        }
        return new EmbeddingResponse(model, vectors, new Usage(tokens, 0));
    }

    private void refuseDimensions(EmbeddingRequest request, String model) {
        Integer dimensions = request.dimensions();
        if (dimensions == null) {
            return;
        }
        if (v1(model)) {
            throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "dimensions",
                    "Titan Text Embeddings v1 makes 1536 dimensions only");
        }
        if (!V2_DIMENSIONS.contains(dimensions)) {
            throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "dimensions",
                    "Titan Text Embeddings v2 makes 256, 512 or 1024 dimensions");
        }
    }
}
