package dev.athanor.local.rag;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.rag.DynamoRagStore;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.gateway.rag.RagIndexes;
import dev.athanor.model.rag.RagChunk;
import dev.athanor.model.rag.RagDocument;
import dev.athanor.model.rag.VectorHit;
import dev.athanor.model.rag.VectorIndex;
import dev.athanor.search.LuceneVectorIndexes;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Retrieval at size: for namespaces of the given chunk counts (384-dimension vectors, 10 chunks a document), the
 * store's write rate into DynamoDB Local (the index path after embedding), the time to read every chunk's vector
 * back, the cold start of a namespace through {@link RagIndexes} (documents and chunks read and indexed on every
 * processor, then one search), warm query latency (the version read from DynamoDB plus the HNSW search, k=5), p50 and
 * p99 over 1,000 queries, and the first search after one document was re-indexed (applied, not rebuilt). Embedding is left out: its cost is
 * the model's. Usage: bench/rag.sh [chunk counts...]
 */
public final class RagBench {

    private static final int DIMENSIONS = 384;
    private static final int PER_DOCUMENT = 10;
    private static final int QUERIES = 1000;

    private RagBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(1_000, 10_000, 100_000)
                : Arrays.stream(args).map(Integer::parseInt).toList();
        try (LocalStack stack = LocalStack.start(LocalStackExtension.template(), null)) {
            String table = stack.functionEnvironment("GatewayFunction").get("ATHANOR_DYNAMODB_TABLES_RAG");
            DynamoRagStore store = new DynamoRagStore(DynamoDbEnhancedClient.builder().dynamoDbClient(stack.dynamo())
                    .build(), stack.dynamo(), onlyRag(table), JsonMapper.createDefault());
            System.out.println("| chunks | store writes (chunks/s) | read alone (s) | cold start (s) "
                    + "| warm p50 (ms) | warm p99 (ms) | one document changed (ms) |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int size : sizes) {
                run(store, size);
            }
        }
        System.exit(0);
    }

    private static void run(DynamoRagStore store, int size) {
        TeamId team = TeamId.of("bench-" + size + "-" + System.nanoTime());
        Random random = new Random(size);
        long start = System.nanoTime();
        for (int d = 0; d < size / PER_DOCUMENT; d++) {
            String id = "doc-" + d;
            store.replace(team, document(id), chunks(id, random));
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;

        long readStart = System.nanoTime();
        int[] read = {0};
        store.forEachChunk(team, "bench", store.documents(team, "bench"), c -> read[0]++);
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        if (read[0] != size) {
            throw new IllegalStateException("read " + read[0] + " chunks of " + size);
        }

        // the first search of an instance: version, documents, every chunk read and indexed (overlapped), one search
        RagIndexes indexes = new RagIndexes(store, new LuceneVectorIndexes());
        long coldStart = System.nanoTime();
        VectorIndex index = indexes.current(team, "bench").orElseThrow().index();
        index.nearest(vector(random), 5);
        double coldSeconds = (System.nanoTime() - coldStart) / 1e9;

        long[] latencies = new long[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            float[] query = vector(random);
            long t = System.nanoTime();
            List<VectorHit> hits = indexes.current(team, "bench").orElseThrow().index().nearest(query, 5);
            latencies[q] = System.nanoTime() - t;
            if (hits.size() != 5) {
                throw new IllegalStateException("expected 5 hits, got " + hits.size());
            }
        }

        // one document re-indexed elsewhere: the next search applies it (documents read, its chunks read and replaced)
        store.replace(team, document("doc-0"), chunks("doc-0", random));
        long refreshStart = System.nanoTime();
        VectorIndex refreshed = indexes.current(team, "bench").orElseThrow().index();
        refreshed.nearest(vector(random), 5);
        double refreshMillis = (System.nanoTime() - refreshStart) / 1e6;
        if (refreshed != index || refreshed.size() != size) {
            throw new IllegalStateException("the index was rebuilt or lost chunks: " + refreshed.size());
        }
        Arrays.sort(latencies);
        System.out.printf("| %,d | %,.0f | %.2f | %.2f (%,.0f chunks/s) | %.2f | %.2f | %.1f |%n", size,
                size / writeSeconds, readSeconds, coldSeconds, size / coldSeconds,
                latencies[QUERIES / 2] / 1e6, latencies[QUERIES * 99 / 100] / 1e6, refreshMillis);
        index.close();
    }

    private static RagDocument document(String id) {
        return new RagDocument(id, "bench", Map.of(), 0, "bench-embed", DIMENSIONS, "", Instant.now());
    }

    private static List<RagChunk> chunks(String id, Random random) {
        List<RagChunk> chunks = new ArrayList<>();
        for (int p = 0; p < PER_DOCUMENT; p++) {
            chunks.add(new RagChunk(id, p, "chunk " + p + " of " + id, vector(random)));
        }
        return chunks;
    }

    /** The table names of a function given only the rag table. */
    private static TableNames onlyRag(String table) {
        return (TableNames) Proxy.newProxyInstance(TableNames.class.getClassLoader(), new Class<?>[] {TableNames.class},
                (proxy, method, args) -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                        : method.getName().equals("getRag") ? table : null);
    }

    private static float[] vector(Random random) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }
}
