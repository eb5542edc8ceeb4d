package dev.athanor.gateway.rag;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.core.llm.CallContext;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.rag.RagDocument;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Retrieval-augmented generation: index a team's documents, query them (with an answer), delete one. */
@Controller("/rag")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = RagService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "RAG")
public class RagController {

    static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_ID = 256;
    static final int MAX_ENCODED_ID = 768;
    static final int MAX_QUERY = 10_000;

    private final RagService rag;
    private final RagConfiguration configuration;
    private final JsonMapper json;

    RagController(RagService rag, RagConfiguration configuration, JsonMapper json) {
        this.rag = rag;
        this.configuration = configuration;
        this.json = json;
    }

    @Post("/index")
    @Operation(summary = "Index documents (each replaces the document of the same id in the namespace)")
    IndexAnswer index(Authentication authentication, HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        String namespace = namespace(fields);
        List<RagService.NewDocument> documents = documents(fields);
        fields.check("index request");
        CallContext context = CallContext.of(TeamPrincipal.of(authentication), "gateway").withAgent("rag_index");
        RagService.Indexed indexed = rag.index(context, namespace, documents);
        return new IndexAnswer(true, indexed.documentCount(), namespace, indexed.indexId());
    }

    @Post("/query")
    @Operation(summary = "Find the chunks nearest to a query and, when asked, answer from them with citations")
    QueryAnswer query(Authentication authentication, HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        String namespace = namespace(fields);
        String query = fields.string("query");
        if (query == null || query.isBlank()) {
            fields.error("query", "is required");
        } else if (query.length() > MAX_QUERY) {
            fields.error("query", "must be at most " + MAX_QUERY + " characters");
        }
        Integer topK = fields.integer("top_k");
        if (topK != null && (topK < 1 || topK > 100)) {
            fields.error("top_k", "must be from 1 to 100");
        }
        Boolean includeMetadata = fields.bool("include_metadata");
        Boolean generate = fields.bool("generate_response");
        String model = fields.string("model");
        if (Boolean.TRUE.equals(generate) && (model == null || model.isBlank())) {
            fields.error("model", "is required to generate a response");
        }
        fields.check("query");
        CallContext context = CallContext.of(TeamPrincipal.of(authentication), "gateway").withAgent("rag_query");
        RagService.Answer answer = rag.query(context, namespace, query, topK == null ? 5 : topK,
                Boolean.TRUE.equals(generate), model);
        boolean metadata = !Boolean.FALSE.equals(includeMetadata);
        List<Relevant> relevant = new ArrayList<>();
        for (RagService.Found found : answer.found()) {
            RagDocument document = answer.documents().get(found.chunk().documentId());
            relevant.add(new Relevant(found.chunk().documentId(), found.chunk().text(),
                    Math.round(found.score() * 10_000) / 10_000.0,
                    metadata && document != null ? document.metadata() : null, found.chunk().position(),
                    relevant.size() + 1));
        }
        RagService.Generated generated = answer.generated();
        return new QueryAnswer(query, relevant, generated == null ? null : generated.text(),
                generated == null ? null : UsageView.of(generated.usage()), generated == null ? null
                : generated.model());
    }

    @Delete("/documents/{document_id}")
    @Operation(summary = "Remove a document and its chunks from a namespace")
    Deleted delete(Authentication authentication, @PathVariable("document_id") String documentId,
                   @Nullable @QueryValue String namespace) {
        String name = namespace == null || namespace.isEmpty() ? "default" : namespace;
        if (!NAMESPACE.matcher(name).matches()) {
            throw new InvalidInputException("namespace " + NAMESPACE_RULE);
        }
        if (!validId(documentId)) {
            // an id that cannot be one names no document
            throw new NotFoundException("Document " + documentId.substring(0,
                    Math.min(documentId.length(), 80)) + " not found in namespace " + name);
        }
        rag.delete(TeamPrincipal.of(authentication).team(), name, documentId);
        return new Deleted(true, documentId, name);
    }

    static final String NAMESPACE_RULE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static String namespace(RequestFields fields) {
        String namespace = fields.string("namespace");
        if (namespace == null) {
            return "default";
        }
        if (!NAMESPACE.matcher(namespace).matches()) {
            fields.error("namespace", NAMESPACE_RULE);
        }
        return namespace;
    }

    private List<RagService.NewDocument> documents(RequestFields fields) {
        JsonNode node = fields.node("documents");
        List<RagService.NewDocument> documents = new ArrayList<>();
        if (node == null || !node.isArray() || node.size() == 0) {
            fields.error("documents", "must be a non-empty array of {id, content, metadata}");
            return documents;
        }
        if (node.size() > configuration.getMaxDocuments()) {
            fields.error("documents", "must hold at most " + configuration.getMaxDocuments() + " documents a call");
            return documents;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "documents[" + i + "]";
            JsonNode document = node.get(i);
            if (!document.isObject()) {
                fields.error(at, "must be an object");
                continue;
            }
            String id = text(document.get("id"));
            String content = text(document.get("content"));
            JsonNode metadata = document.get("metadata");
            if (!validId(id)) {
                fields.error(at + ".id", "must be 1-" + MAX_ID + " characters without control characters");
            } else if (!ids.add(id)) {
                fields.error(at + ".id", "is given twice");
            }
            if (content == null || content.isBlank()) {
                fields.error(at + ".content", "must be non-empty text");
            } else if (content.length() > configuration.getMaxDocumentChars()) {
                fields.error(at + ".content", "must be at most " + configuration.getMaxDocumentChars()
                        + " characters");
            }
            if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
                fields.error(at + ".metadata", "must be an object");
            }
            if (fields.valid()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> values = metadata == null || metadata.isNull() ? null
                        : (Map<String, Object>) RequestFields.plain(metadata);
                documents.add(new RagService.NewDocument(id, content, values));
            }
        }
        return documents;
    }

    /**
     * 1-256 characters without control characters, and short enough once percent-encoded into a storage key (a
     * DynamoDB sort key holds 1,024 bytes).
     */
    static boolean validId(@Nullable String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID && id.chars().noneMatch(Character::isISOControl)
                && URLEncoder.encode(id, StandardCharsets.UTF_8).length() <= MAX_ENCODED_ID;
    }

    @Nullable
    private static String text(@Nullable JsonNode node) {
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    @Serdeable
    record IndexAnswer(boolean indexed,
                       @JsonProperty("document_count") int documentCount,
                       String namespace,
                       @JsonProperty("index_id") String indexId) {
    }

    @Serdeable
    record Relevant(String id, String content, double score, @Nullable Map<String, Object> metadata, int chunk,
                    int citation) {
    }

    @Serdeable
    record UsageView(@JsonProperty("prompt_tokens") int promptTokens,
                     @JsonProperty("completion_tokens") int completionTokens,
                     @JsonProperty("total_tokens") int totalTokens) {

        static UsageView of(Usage usage) {
            return new UsageView(usage.promptTokens(), usage.completionTokens(),
                    usage.promptTokens() + usage.completionTokens());
        }
    }

    @Serdeable
    record QueryAnswer(String query,
                       @JsonProperty("relevant_documents") List<Relevant> relevantDocuments,
                       @JsonProperty("generated_response") @Nullable String generatedResponse,
                       @Nullable UsageView usage,
                       @Nullable String model) {
    }

    @Serdeable
    record Deleted(boolean deleted, @JsonProperty("document_id") String documentId, String namespace) {
    }
}
