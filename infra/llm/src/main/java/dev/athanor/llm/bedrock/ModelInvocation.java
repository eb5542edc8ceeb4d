package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

import java.io.IOException;

/**
 * One InvokeModel call with a JSON body in the model family's own shape: Converse has no embedding operation, so
 * embeddings go through InvokeModel, whose body each family defines.
 */
final class ModelInvocation {

    /**
     * The answer's body, and the input tokens Bedrock counted (the x-amzn-bedrock-input-token-count header of an
     * InvokeModel answer; 0 when absent), for families whose body carries no count.
     */
    record Answer(JsonNode body, int inputTokens) {
    }

    private final String providerId;
    private final BedrockRuntimeClient client;
    private final JsonMapper json;

    ModelInvocation(String providerId, BedrockRuntimeClient client, JsonMapper json) {
        this.providerId = providerId;
        this.client = client;
        this.json = json;
    }

    Answer invoke(String model, JsonNode body) {
        InvokeModelResponse response;
        try {
            response = client.invokeModel(InvokeModelRequest.builder()
                    .modelId(model)
                    .contentType("application/json")
                    .accept("application/json")
                    .body(SdkBytes.fromByteArray(json.writeValueAsBytes(body)))
                    .build());
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId, 0,
                    "Embedding input could not be encoded", null, e);
        } catch (RuntimeException e) {
            throw BedrockErrors.map(providerId, e);
        }
        JsonNode answer;
        try {
            answer = json.readValue(response.body().asByteArray(), JsonNode.class);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (answer == null || !answer.isObject()) {
            throw unreadable(null);
        }
        return new Answer(answer, inputTokens(response));
    }

    LlmException noVectors() {
        return new LlmException(LlmErrorKind.UNAVAILABLE, providerId,
                "Bedrock answered an embedding call without an embedding");
    }

    private LlmException unreadable(Throwable cause) {
        return new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                "Bedrock answered an embedding call with an unreadable body", null, cause);
    }

    private static int inputTokens(InvokeModelResponse response) {
        if (response.sdkHttpResponse() == null) {
            return 0;
        }
        return response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")
                .map(String::trim)
                .map(value -> {
                    try {
                        return Integer.parseInt(value);
                    } catch (NumberFormatException notACount) {
                        return 0;
                    }
                })
                .orElse(0);
    }
}
