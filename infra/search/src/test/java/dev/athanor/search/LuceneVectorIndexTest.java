package dev.athanor.search;

import dev.athanor.model.rag.IndexedChunk;
import dev.athanor.model.rag.VectorHit;
import dev.athanor.model.rag.VectorIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneVectorIndexTest {

    private final LuceneVectorIndexes indexes = new LuceneVectorIndexes();

    @Test
    void the_nearest_chunks_come_first_with_their_cosine_similarity() {
        try (VectorIndex index = indexes.create(3)) {
            index.replace("north", List.of(new IndexedChunk("north", 0, new float[] {0, 1, 0})));
            index.replace("east", List.of(new IndexedChunk("east", 0, new float[] {1, 0, 0}),
                    new IndexedChunk("east", 1, new float[] {1, 0.1f, 0})));
            index.replace("south", List.of(new IndexedChunk("south", 0, new float[] {0, -1, 0})));

            List<VectorHit> hits = index.nearest(new float[] {0.9f, 0.1f, 0}, 4);

            assertEquals(List.of("east", "east", "north", "south"), hits.stream().map(VectorHit::documentId).toList());
            assertEquals(1, hits.get(0).position(), "east's second chunk points closest");
            assertEquals(cosine(new float[] {1, 0.1f, 0}, new float[] {0.9f, 0.1f, 0}), hits.get(0).score(), 1e-5);
            assertEquals(-cosine(new float[] {0, 1, 0}, new float[] {0.9f, 0.1f, 0}), hits.get(3).score(), 1e-5);
            assertEquals(4, index.size());
        }
    }

    @Test
    void replacing_a_document_swaps_all_its_chunks_and_no_chunks_removes_it() {
        try (VectorIndex index = indexes.create(2)) {
            index.replace("doc", List.of(new IndexedChunk("doc", 0, new float[] {1, 0}),
                    new IndexedChunk("doc", 1, new float[] {1, 0})));
            index.replace("other", List.of(new IndexedChunk("other", 0, new float[] {0, 1})));

            index.replace("doc", List.of(new IndexedChunk("doc", 0, new float[] {-1, 0})));
            assertEquals(2, index.size());
            assertEquals(List.of("doc"), index.nearest(new float[] {-1, 0}, 1).stream().map(VectorHit::documentId)
                    .toList());
            assertEquals(-1.0, index.nearest(new float[] {1, 0}, 2).get(1).score(), 1e-5, "only the new chunk");

            index.replace("doc", List.of());
            assertEquals(1, index.size());
            assertEquals(List.of("other"), index.nearest(new float[] {-1, 0}, 5).stream().map(VectorHit::documentId)
                    .toList());
        }
    }

    @Test
    void vectors_up_to_4096_dimensions_are_indexed_and_a_wrong_length_is_refused() {
        try (VectorIndex index = indexes.create(3072)) {
            float[] vector = random(new Random(1), 3072);
            index.replace("wide", List.of(new IndexedChunk("wide", 0, vector)));
            assertEquals(1.0, index.nearest(vector, 1).get(0).score(), 1e-4);
            assertThrows(IllegalArgumentException.class,
                    () -> index.replace("short", List.of(new IndexedChunk("short", 0, new float[] {1, 2}))));
            assertThrows(IllegalArgumentException.class, () -> index.nearest(new float[] {1}, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> indexes.create(4097));
        assertEquals(4096, indexes.maxDimensions());
    }

    @Test
    void a_search_of_a_closed_index_says_it_was_closed() {
        VectorIndex index = indexes.create(2);
        index.replace("a", List.of(new IndexedChunk("a", 0, new float[] {1, 0})));
        index.close();
        assertThrows(VectorIndex.ClosedException.class, () -> index.nearest(new float[] {1, 0}, 1));
    }

    @Test
    void searches_while_documents_are_replaced_always_see_whole_documents() throws Exception {
        try (VectorIndex index = indexes.create(8)) {
            Random random = new Random(7);
            for (int d = 0; d < 50; d++) {
                index.replace("d" + d, chunks("d" + d, 4, random));
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            try {
                Future<?> writer = pool.submit(() -> {
                    go.await();
                    Random r = new Random(11);
                    for (int round = 0; round < 200; round++) {
                        index.replace("d" + (round % 50), chunks("d" + (round % 50), 4, r));
                    }
                    return null;
                });
                Future<List<Integer>> reader = pool.submit(() -> {
                    go.await();
                    List<Integer> sizes = new ArrayList<>();
                    Random r = new Random(13);
                    for (int round = 0; round < 200; round++) {
                        sizes.add(index.nearest(random(r, 8), 200).size());
                    }
                    return sizes;
                });
                go.countDown();
                writer.get();
                assertTrue(reader.get().stream().allMatch(size -> size == 200), reader.get().toString());
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, index.size());
        }
    }

    private static List<IndexedChunk> chunks(String document, int count, Random random) {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chunks.add(new IndexedChunk(document, i, random(random, 8)));
        }
        return chunks;
    }

    private static float[] random(Random random, int dimensions) {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
