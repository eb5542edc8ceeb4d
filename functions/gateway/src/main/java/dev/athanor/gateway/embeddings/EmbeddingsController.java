package dev.athanor.gateway.embeddings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.BodyLimit;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/embeddings}: OpenAI's embeddings, on every provider kind that has them, within the caller's key
 * limits and metered like a completion. Vectors come as JSON floats, or as base64 of little-endian float32s when
 * {@code encoding_format} is base64 (what OpenAI's SDKs ask for by default).
 */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "LiteLLM")
public class EmbeddingsController {

    private final EmbeddingsParser parser;
    private final LlmService llm;

    EmbeddingsController(EmbeddingsParser parser, LlmService llm) {
        this.parser = parser;
        this.llm = llm;
    }

    @BodyLimit(6L * 1024 * 1024)
    @Post(value = "/embeddings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings (OpenAI-compatible)")
    CompletableFuture<EmbeddingList> embed(Authentication authentication, @Body JsonNode body) {
        EmbeddingsParser.Parsed parsed = parser.parse(body);
        CallContext context = CallContext.of(TeamPrincipal.of(authentication), "gateway");
        EmbeddingRequest request = parsed.request();
        return llm.embedAsync(context, request).thenApply(response -> list(request, response, parsed.base64()));
    }

    private static EmbeddingList list(EmbeddingRequest request, EmbeddingResponse response, boolean base64) {
        if (response.vectors().size() != request.size()) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, null, "The provider answered " + response.vectors().size()
                    + " vectors for " + request.size() + " inputs");
        }
        List<Embedding> data = new ArrayList<>(response.vectors().size());
        for (float[] vector : response.vectors()) {
            if (request.dimensions() != null && vector.length != request.dimensions()) {
                throw new LlmException(LlmErrorKind.UNAVAILABLE, null, "The provider answered vectors of "
                        + vector.length + " dimensions; " + request.dimensions() + " were asked for");
            }
            data.add(new Embedding("embedding", data.size(), base64 ? encode(vector) : vector));
        }
        int tokens = response.usage().promptTokens();
        return new EmbeddingList("list", data, response.model(), new EmbeddingUsage(tokens, tokens));
    }

    /** OpenAI's base64 form: the float32 values, little-endian, one after another. */
    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    @Serdeable
    record EmbeddingList(String object, List<Embedding> data, String model, EmbeddingUsage usage) {
    }

    /** @param embedding a float array, or its base64 string */
    @Serdeable
    record Embedding(String object, int index, Object embedding) {
    }

    @Serdeable
    record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
                          @JsonProperty("total_tokens") int totalTokens) {
    }
}
