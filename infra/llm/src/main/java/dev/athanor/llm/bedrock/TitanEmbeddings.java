package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon Titan text embeddings through InvokeModel: Converse has no embedding operation, and each Bedrock model
 * family has its own body. Titan takes one text per call, so a batch is one call per input.
 */
final class TitanEmbeddings {

    static final String DEFAULT_MODEL = "amazon.titan-embed-text-v2:0";

    @Serdeable
    record TitanRequest(String inputText) {
    }

    @Serdeable
    record TitanResponse(float[] embedding, Integer inputTextTokenCount) {
    }

    private final String providerId;
    private final BedrockRuntimeClient client;
    private final JsonMapper json;

    TitanEmbeddings(String providerId, BedrockRuntimeClient client, JsonMapper json) {
        this.providerId = providerId;
        this.client = client;
        this.json = json;
    }

    static boolean supports(String model) {
        // also the cross-region profile spellings, e.g. us.amazon.titan-embed-text-v2:0
        return model.startsWith("amazon.titan-embed-text") || model.contains(".amazon.titan-embed-text");
    }

    EmbeddingResponse embed(EmbeddingRequest request) {
        String model = request.model() == null || request.model().isBlank() ? DEFAULT_MODEL : request.model();
        if (!supports(model)) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                    "Embeddings with '" + model + "' are not supported by the bedrock provider; "
                            + "use an amazon.titan-embed-text model");
        }
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (String input : request.input()) {
            TitanResponse answer = invoke(model, input);
            if (answer.embedding() == null) {
                throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId,
                        "Bedrock answered an embedding call without an embedding");
            }
            vectors.add(answer.embedding());
            tokens += answer.inputTextTokenCount() == null ? 0 : answer.inputTextTokenCount();
        }
        return new EmbeddingResponse(model, vectors, new Usage(tokens, 0));
    }

    private TitanResponse invoke(String model, String input) {
        InvokeModelResponse response;
        try {
            response = client.invokeModel(InvokeModelRequest.builder()
                    .modelId(model)
                    .contentType("application/json")
                    .accept("application/json")
                    .body(SdkBytes.fromByteArray(json.writeValueAsBytes(new TitanRequest(input))))
                    .build());
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId, 0,
                    "Embedding input could not be encoded", null, e);
        } catch (RuntimeException e) {
            throw BedrockErrors.map(providerId, e);
        }
        try {
            return json.readValue(response.body().asByteArray(), TitanResponse.class);
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                    "Bedrock answered an embedding call with an unreadable body", null, e);
        }
    }
}
