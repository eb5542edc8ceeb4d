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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The vector indexes this instance holds, one per team and namespace, built from the store of record. Before a search
 * the namespace's version is read (one consistent read). When it has moved since the index was brought up to date,
 * the namespace's documents are read and compared with the generations the index holds: only documents replaced,
 * added or removed since are applied, so a change costs its own chunks, not the namespace. The whole index is built
 * (on every processor at once) only on an instance's first search of the namespace, or when the newest document was
 * embedded with another model. A namespace without documents has no index.
 */
@Singleton
@Requires(beans = RagStore.class)
public class RagIndexes {

    private record Key(TeamId team, String namespace) {
    }

    /** An index, the version it reflects, and the generation of each document in it. */
    private record Built(VectorIndex index, long version, String model, Map<String, String> generations) {
    }

    private final RagStore store;
    private final VectorIndexes engine;
    private final Map<Key, Built> built = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();

    public RagIndexes(RagStore store, VectorIndexes engine) {
        this.store = store;
        this.engine = engine;
    }

    /** The namespace's index as of now, and the embedding model its vectors were made with; empty without documents. */
    public Optional<Current> current(TeamId team, String namespace) {
        Key key = new Key(team, namespace);
        long version = store.version(team, namespace);
        Built held = built.get(key);
        if (held == null || held.version() != version) {
            // one refresh per namespace at a time; other namespaces are not held up
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                held = built.get(key);
                if (held == null || held.version() != version) {
                    held = update(key, version, held);
                }
            }
        }
        return held == null ? Optional.empty() : Optional.of(new Current(held.index(), held.model()));
    }

    /** An index to search and the model its vectors came from. */
    public record Current(VectorIndex index, String model) {
    }

    private Built update(Key key, long version, Built held) {
        List<RagDocument> documents = store.documents(key.team(), key.namespace());
        if (documents.isEmpty()) {
            built.remove(key);
            if (held != null) {
                held.index().close();
            }
            return null;
        }
        RagDocument newest = documents.stream().max(Comparator.comparing(RagDocument::indexedAt)).orElseThrow();
        Built fresh;
        if (held != null && held.model().equals(newest.model())
                && held.index().dimensions() == newest.dimensions()) {
            fresh = apply(key, version, held, documents);
        } else {
            fresh = build(key, version, documents, newest);
            if (held != null) {
                held.index().close();
            }
        }
        built.put(key, fresh);
        return fresh;
    }

    /** Brings a held index to the documents' generations: reads and replaces only what changed. */
    private Built apply(Key key, long version, Built held, List<RagDocument> documents) {
        Map<String, String> generations = new HashMap<>();
        for (RagDocument document : documents) {
            generations.put(document.id(), document.generation());
            if (!document.generation().equals(held.generations().get(document.id()))) {
                held.index().replace(document.id(), document.dimensions() == held.index().dimensions()
                        ? store.indexedChunks(key.team(), document) : List.of());
            }
        }
        for (String id : held.generations().keySet()) {
            if (!generations.containsKey(id)) {
                held.index().replace(id, List.of());
            }
        }
        return new Built(held.index(), version, held.model(), generations);
    }

    /**
     * A new index of the documents' chunks (those of the newest document's dimensions), read page by page and handed to
     * one indexing thread per processor, a document at a time: Lucene builds a graph per thread, and the search visits
     * each.
     */
    private Built build(Key key, long version, List<RagDocument> documents, RagDocument newest) {
        VectorIndex index = engine.create(newest.dimensions());
        Map<String, String> generations = new HashMap<>();
        List<RagDocument> indexable = new ArrayList<>();
        for (RagDocument document : documents) {
            generations.put(document.id(), document.generation());
            if (document.dimensions() == newest.dimensions()) {
                indexable.add(document);
            }
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "rag-index-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Loader loader = new Loader(index, pool, threads * 4);
            store.forEachChunk(key.team(), key.namespace(), indexable, loader::add);
            loader.finish();
        } catch (RuntimeException e) {
            index.close();
            throw e;
        } finally {
            pool.shutdownNow();
        }
        return new Built(index, version, newest.model(), generations);
    }

    /**
     * Collects the chunks of one document at a time (they arrive together) and indexes each document on the pool, with at
     * most {@code inFlight} documents read ahead of the indexing threads.
     */
    private static final class Loader {

        private final VectorIndex index;
        private final ExecutorService pool;
        private final Semaphore room;
        private final List<Future<?>> pending = new ArrayList<>();
        private List<IndexedChunk> document = new ArrayList<>();

        Loader(VectorIndex index, ExecutorService pool, int inFlight) {
            this.index = index;
            this.pool = pool;
            this.room = new Semaphore(inFlight);
        }

        void add(IndexedChunk chunk) {
            if (!document.isEmpty() && !document.get(0).documentId().equals(chunk.documentId())) {
                submit();
            }
            document.add(chunk);
        }

        void finish() {
            if (!document.isEmpty()) {
                submit();
            }
            pending.forEach(Loader::settle);
        }

        /** Waits for an indexing task and rethrows what failed it. */
        private static boolean settle(Future<?> task) {
            try {
                task.get();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while building a vector index", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            }
        }

        private void submit() {
            List<IndexedChunk> chunks = document;
            document = new ArrayList<>();
            room.acquireUninterruptibly();
            pending.removeIf(task -> task.isDone() && settle(task));
            pending.add(pool.submit(() -> {
                try {
                    index.replace(chunks.get(0).documentId(), chunks);
                } finally {
                    room.release();
                }
            }));
        }
    }
}
