package dev.athanor.llm.bedrock;

import dev.athanor.llm.mapping.Unsupported;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderHealth;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.StreamListener;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

import java.util.List;

/**
 * Amazon Bedrock through the Converse API of AWS SDK v2. Credentials come from the SDK's default chain (the
 * function's role in the cloud), never from the provider record.
 */
final class BedrockProvider implements LlmProvider {

    private final String id;
    private final BedrockConnection connection;
    private final LlmTimeouts timeouts;
    private final List<String> declaredModels;
    private final ConverseMapping mapping;
    private final ConverseAnswer answers;
    private final TitanEmbeddings titan;
    private final CohereEmbeddings cohere;

    BedrockProvider(String id, BedrockConnection connection, LlmTimeouts timeouts, List<String> declaredModels,
                    JsonMapper json) {
        this.id = id;
        this.connection = connection;
        this.timeouts = timeouts;
        this.declaredModels = List.copyOf(declaredModels);
        this.mapping = new ConverseMapping(id, json);
        this.answers = new ConverseAnswer(id, json);
        ModelInvocation invocation = new ModelInvocation(id, connection.client(), json);
        this.titan = new TitanEmbeddings(id, invocation);
        this.cohere = new CohereEmbeddings(id, invocation);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.BEDROCK;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        var converse = mapping.converse(request);
        ConverseResponse response;
        try {
            response = connection.client().converse(converse);
        } catch (RuntimeException e) {
            throw BedrockErrors.map(id, e);
        }
        return answers.read(request.model(), response, ConverseTools.jsonTool(request));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        var converseStream = mapping.converseStream(request);
        return new ConverseStreamCall(id, connection.asyncClient(), timeouts)
                .run(converseStream, ConverseTools.jsonTool(request), listener);
    }

    /**
     * The declared models: the runtime API has no model list, and the control-plane artifact that lists foundation
     * models is not available to this build. Which models an account may call is decided by its model access anyway.
     */
    @Override
    public List<ModelInfo> models() {
        return declaredModels.stream().map(model -> new ModelInfo(model, ownerOf(model))).toList();
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        Unsupported.refuseTokenInput(id, ProviderKind.BEDROCK, request);
        String model = request.model() == null || request.model().isBlank()
                ? TitanEmbeddings.DEFAULT_MODEL : request.model();
        if (TitanEmbeddings.supports(model)) {
            return titan.embed(request, model);
        }
        if (CohereEmbeddings.supports(model)) {
            return cohere.embed(request, model);
        }
        throw new LlmException(LlmErrorKind.INVALID_REQUEST, id, "Embeddings with '" + model
                + "' are not supported by the bedrock provider; use an amazon.titan-embed-text model, "
                + "cohere.embed-english-v3 or cohere.embed-multilingual-v3").withParam("model");
    }

    /**
     * Probes the runtime endpoint with the cheapest signed read it offers (one page of async invocations), which
     * proves the endpoint answers and the credentials are accepted without running a model.
     */
    @Override
    public ProviderHealth health() {
        long start = System.nanoTime();
        try {
            connection.client().listAsyncInvokes(builder -> builder.maxResults(1));
            return ProviderHealth.ok((System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            return ProviderHealth.failed((System.nanoTime() - start) / 1_000_000,
                    BedrockErrors.map(id, e).getMessage());
        }
    }

    /** The vendor part of a Bedrock model id: "anthropic" for anthropic.claude-..., also behind a region prefix. */
    static String ownerOf(String model) {
        String[] parts = model.split("\\.");
        if (parts.length >= 3 && parts[0].length() <= 4 && !parts[0].contains(":")) {
            return parts[1]; // cross-region inference profile such as us.anthropic.claude-...
        }
        return parts.length >= 2 ? parts[0] : "bedrock";
    }
}
