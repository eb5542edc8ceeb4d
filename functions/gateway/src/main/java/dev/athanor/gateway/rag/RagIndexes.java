package dev.athanor.gateway.rag;

import dev.athanor.model.TeamId;
import dev.athanor.model.rag.IndexedChunk;
import dev.athanor.model.rag.RagDocument;
import dev.athanor.model.rag.RagStore;
import dev.athanor.model.rag.VectorIndex;
import dev.athanor.model.rag.VectorIndexes;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vector indexes this instance holds, one per team and namespace, built from the store of record. Before a search
 * the namespace's version is read (one consistent read); an index built at another version is built again, so every
 * instance answers from what the store holds now. A namespace without documents has no index.
 */
@Singleton
@Requires(beans = RagStore.class)
public class RagIndexes {

    private record Key(TeamId team, String namespace) {
    }

    private record Built(VectorIndex index, long version, String model) {
    }

    private final RagStore store;
    private final VectorIndexes engine;
    private final Map<Key, Built> built = new ConcurrentHashMap<>();

    RagIndexes(RagStore store, VectorIndexes engine) {
        this.store = store;
        this.engine = engine;
    }

    /** The namespace's index as of now, and the embedding model its vectors were made with; empty without documents. */
    public Optional<Current> current(TeamId team, String namespace) {
        Key key = new Key(team, namespace);
        long version = store.version(team, namespace);
        Built held = built.get(key);
        if (held != null && held.version() == version) {
            return Optional.of(new Current(held.index(), held.model()));
        }
        synchronized (this) {
            held = built.get(key);
            if (held == null || held.version() != version) {
                Built fresh = build(team, namespace, version);
                Built old = fresh == null ? built.remove(key) : built.put(key, fresh);
                if (old != null) {
                    old.index().close();
                }
                held = fresh;
            }
        }
        return held == null ? Optional.empty() : Optional.of(new Current(held.index(), held.model()));
    }

    /** An index to search and the model its vectors came from. */
    public record Current(VectorIndex index, String model) {
    }

    private Built build(TeamId team, String namespace, long version) {
        List<RagDocument> documents = store.documents(team, namespace);
        if (documents.isEmpty()) {
            return null;
        }
        RagDocument newest = documents.stream().max(java.util.Comparator.comparing(RagDocument::indexedAt))
                .orElseThrow();
        VectorIndex index = engine.create(newest.dimensions());
        Map<String, List<IndexedChunk>> byDocument = new HashMap<>();
        store.forEachChunk(team, namespace, chunk -> {
            if (chunk.vector().length == newest.dimensions()) {
                byDocument.computeIfAbsent(chunk.documentId(), d -> new ArrayList<>()).add(chunk.indexed());
            }
        });
        byDocument.forEach(index::replace);
        return new Built(index, version, newest.model());
    }
}
