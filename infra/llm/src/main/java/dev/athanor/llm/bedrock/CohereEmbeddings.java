package dev.athanor.llm.bedrock;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.mapping.Unsupported;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cohere Embed v3 (English and multilingual) on Bedrock through InvokeModel: up to 96 texts per call, embedded as
 * documents for search, which is what an OpenAI-style embeddings call is mostly for. Cohere v3 vectors have one
 * size, so {@code dimensions} is refused.
 */
final class CohereEmbeddings {

    static final int TEXTS_PER_CALL = 96;

    private final String providerId;
    private final ModelInvocation invocation;

    CohereEmbeddings(String providerId, ModelInvocation invocation) {
        this.providerId = providerId;
        this.invocation = invocation;
    }

    /** cohere.embed-english-v3 and cohere.embed-multilingual-v3, also behind a region's inference profile. */
    static boolean supports(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        return ModelFields.family(id, "cohere.embed-english-v3")
                || ModelFields.family(id, "cohere.embed-multilingual-v3");
    }

    EmbeddingResponse embed(EmbeddingRequest request, String model) {
        Unsupported.refuseDimensions(providerId, ProviderKind.BEDROCK, request);
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        List<String> texts = request.input();
        for (int from = 0; from < texts.size(); from += TEXTS_PER_CALL) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + TEXTS_PER_CALL));
            ModelInvocation.Answer answer = invocation.invoke(model, Json.object(
                    "texts", batch,
                    "input_type", "search_document",
                    "embedding_types", List.of("float")));
            List<JsonNode> embeddings = floats(answer.body());
            if (embeddings.size() != batch.size()) {
                throw invocation.noVectors();
            }
            embeddings.forEach(vector -> vectors.add(Json.floats(vector)));
            tokens += answer.inputTokens();
        }
        return new EmbeddingResponse(model, vectors, new Usage(tokens, 0));
    }

    /**
     * The float vectors: under {@code embeddings.float} when embedding types were asked for, or the
     * {@code embeddings} array itself in the older answer without them.
     */
    private static List<JsonNode> floats(JsonNode body) {
        JsonNode embeddings = Json.at(body, "embeddings");
        if (embeddings != null && embeddings.isObject()) {
            return Json.array(embeddings, "float");
        }
        return Json.array(body, "embeddings");
    }
}
