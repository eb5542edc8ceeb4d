package dev.athanor.gateway.rag;

import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.rag.Chunker;
import dev.athanor.model.rag.RagChunk;
import dev.athanor.model.rag.RagDocument;
import dev.athanor.model.rag.RagStore;
import dev.athanor.model.rag.VectorHit;
import dev.athanor.model.rag.VectorIndex;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retrieval-augmented generation for a team: documents are cut into chunks, embedded with the configured embedding
 * model and kept in the store of record; a query is embedded with the same model, the nearest chunks are read back
 * and, when asked, a model answers from them citing each as {@code [n]}. Every embedding and chat call goes through
 * the LLM core under the caller's team, so it is routed, metered and limited like any other call.
 */
@Singleton
@Requires(beans = RagStore.class)
public class RagService {

    private final RagStore store;
    private final RagIndexes indexes;
    private final LlmService llm;
    private final ModelDirectory models;
    private final RagConfiguration configuration;
    private final Chunker chunker;
    private final Clock clock;

    RagService(RagStore store, RagIndexes indexes, LlmService llm, ModelDirectory models,
               RagConfiguration configuration, Clock clock) {
        this.store = store;
        this.indexes = indexes;
        this.llm = llm;
        this.models = models;
        this.configuration = configuration;
        this.chunker = new Chunker(configuration.getChunkSize(),
                Math.min(configuration.getChunkOverlap(), configuration.getChunkSize() - 1));
        this.clock = clock;
    }

    /** A document to index, already checked. */
    public record NewDocument(String id, String content, Map<String, Object> metadata) {
    }

    /**
     * Indexes the documents one after another; each replaces the document of the same id, whole or not at all.
     *
     * @throws InvalidInputException when the namespace would hold more chunks than it may (nothing is embedded)
     */
    public Indexed index(CallContext context, String namespace, List<NewDocument> documents) {
        List<List<String>> pieces = documents.stream().map(document -> chunker.split(document.content())).toList();
        checkRoom(context.team(), namespace, documents, pieces);
        String model = embeddingModel(context.team());
        for (int d = 0; d < documents.size(); d++) {
            NewDocument document = documents.get(d);
            List<String> texts = pieces.get(d);
            List<float[]> vectors = embed(context, texts, model);
            List<RagChunk> chunks = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                chunks.add(new RagChunk(document.id(), i, texts.get(i), vectors.get(i)));
            }
            store.replace(context.team(), new RagDocument(document.id(), namespace, document.metadata(),
                    chunks.size(), model, vectors.get(0).length, "",
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)), chunks);
        }
        return new Indexed(documents.size(), indexId(context.team(), namespace));
    }

    public record Indexed(int documentCount, String indexId) {
    }

    /** Refuses documents that would take the namespace past its chunk limit (counting replaced documents out). */
    private void checkRoom(TeamId team, String namespace, List<NewDocument> documents, List<List<String>> pieces) {
        Map<String, Integer> chunks = new HashMap<>();
        store.documents(team, namespace).forEach(document -> chunks.put(document.id(), document.chunkCount()));
        for (int d = 0; d < documents.size(); d++) {
            chunks.put(documents.get(d).id(), pieces.get(d).size());
        }
        long total = chunks.values().stream().mapToLong(Integer::longValue).sum();
        int max = configuration.getMaxNamespaceChunks();
        if (total > max) {
            String reason = "would take namespace " + namespace + " to " + total + " chunks; a namespace holds at most "
                    + max;
            throw new InvalidInputException("The documents " + reason, Map.of("documents", List.of(reason)));
        }
    }

    /** The chunks nearest to the query, and (when asked) a model's answer from them. */
    public Answer query(CallContext context, String namespace, String query, int topK, boolean generate,
                        String model) {
        Optional<RagIndexes.Current> current = indexes.current(context.team(), namespace);
        if (current.isEmpty()) {
            return new Answer(List.of(), Map.of(), generate ? answer(context, model, query, List.of(), Map.of())
                    : null);
        }
        float[] vector = embed(context, List.of(query), current.get().model()).get(0);
        List<VectorHit> hits = search(context.team(), namespace, current.get(), vector, topK);
        Map<String, RagDocument> documents = new HashMap<>();
        hits.stream().map(VectorHit::documentId).distinct().forEach(id -> store.find(context.team(), namespace, id)
                .ifPresent(document -> documents.put(id, document)));
        Map<RagStore.ChunkRef, RagChunk> texts = new HashMap<>();
        store.chunks(context.team(), documents.values(), hits.stream()
                        .map(hit -> new RagStore.ChunkRef(hit.documentId(), hit.position())).toList())
                .forEach(chunk -> texts.put(new RagStore.ChunkRef(chunk.documentId(), chunk.position()), chunk));
        List<Found> found = new ArrayList<>();
        for (VectorHit hit : hits) {
            RagChunk chunk = texts.get(new RagStore.ChunkRef(hit.documentId(), hit.position()));
            if (chunk != null) { // else replaced or deleted since the index was read: the next query sees it
                found.add(new Found(chunk, hit.score()));
            }
        }
        return new Answer(found, documents, generate ? answer(context, model, query, found, documents) : null);
    }

    /**
     * Searches the index, or, when another thread closed it meanwhile (the namespace moved to another embedding model
     * or was emptied), the one now current.
     */
    private List<VectorHit> search(TeamId team, String namespace, RagIndexes.Current current, float[] vector,
                                   int topK) {
        try {
            return current.index().nearest(vector, topK);
        } catch (VectorIndex.ClosedException closed) {
            return indexes.current(team, namespace)
                    .filter(now -> now.model().equals(current.model()))
                    .map(now -> now.index().nearest(vector, topK))
                    .orElse(List.of());
        }
    }

    public record Found(RagChunk chunk, double score) {
    }

    public record Generated(String text, Usage usage, String model) {
    }

    public record Answer(List<Found> found, Map<String, RagDocument> documents, Generated generated) {
    }

    /**
     * @throws NotFoundException when the namespace has no such document
     */
    public void delete(TeamId team, String namespace, String documentId) {
        if (!store.delete(team, namespace, documentId)) {
            throw new NotFoundException("Document " + documentId + " not found in namespace " + namespace);
        }
    }

    private Generated answer(CallContext context, String model, String query, List<Found> found,
                             Map<String, RagDocument> documents) {
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < found.size(); i++) {
            RagChunk chunk = found.get(i).chunk();
            sources.append('[').append(i + 1).append("] (document ").append(chunk.documentId()).append(", chunk ")
                    .append(chunk.position()).append(")\n").append(chunk.text()).append("\n\n");
        }
        String system = "Answer the question from the numbered sources below only. Cite every source you use as [n]"
                + " right after what it supports. If the sources do not hold the answer, say so.\n\nSources:\n"
                + (found.isEmpty() ? "(none)\n" : sources);
        ChatResponse response = llm.chat(context, ChatRequest.of(model, List.of(ChatMessage.system(system),
                ChatMessage.user(query))));
        return new Generated(response.content(), response.usage(), response.model());
    }

    /** The configured embedding model, else the team's first embedding model, else the offline sandbox. */
    String embeddingModel(TeamId team) {
        String configured = configuration.getEmbeddingModel();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return models.list(team).stream().map(ModelDirectory.ListedModel::id)
                .filter(id -> id.toLowerCase(java.util.Locale.ROOT).contains("embed")).findFirst()
                .orElse("sandbox");
    }

    private List<float[]> embed(CallContext context, List<String> texts, String model) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        int batch = configuration.getEmbeddingBatch();
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
            EmbeddingResponse response = llm.embedAsync(context, new EmbeddingRequest(model, part)).join();
            if (response.vectors().size() != part.size()) {
                throw new LlmException(LlmErrorKind.UNAVAILABLE, null, "The embedding model answered "
                        + response.vectors().size() + " vectors for " + part.size() + " texts");
            }
            vectors.addAll(response.vectors());
        }
        return vectors;
    }

    /** A stable name for a team's namespace (the document's {@code index_id}), which does not reveal the team. */
    static String indexId(TeamId team, String namespace) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((team.value() + "\n" + namespace).getBytes(StandardCharsets.UTF_8));
            return "index_" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
