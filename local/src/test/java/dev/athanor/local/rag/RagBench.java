package dev.athanor.local.rag;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.rag.DynamoRagStore;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.rag.IndexedChunk;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Retrieval at size: for namespaces of the given chunk counts (384-dimension vectors, 10 chunks a document), the
 * store's write rate into DynamoDB Local (the index path after embedding), the Lucene index's build rate, the cold
 * start of a namespace (every current chunk read back from DynamoDB and indexed) and warm query latency (the version
 * read from DynamoDB plus the HNSW search, k=5), p50 and p99 over 1,000 queries. Embedding is left out: its cost is
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
            System.out.println("| chunks | store writes (chunks/s) | Lucene build (chunks/s) | cold start (s) "
                    + "| warm p50 (ms) | warm p99 (ms) |");
            System.out.println("|---|---|---|---|---|---|");
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
            List<RagChunk> chunks = new ArrayList<>();
            for (int p = 0; p < PER_DOCUMENT; p++) {
                chunks.add(new RagChunk(id, p, "chunk " + p + " of " + id, vector(random)));
            }
            store.replace(team, new RagDocument(id, "bench", Map.of(), 0, "bench-embed", DIMENSIONS, "",
                    Instant.now()), chunks);
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;

        long coldStart = System.nanoTime();
        long readStart = System.nanoTime();
        Map<String, List<IndexedChunk>> byDocument = new HashMap<>();
        store.forEachChunk(team, "bench", c -> byDocument.computeIfAbsent(c.documentId(), k -> new ArrayList<>())
                .add(c.indexed()));
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        long buildStart = System.nanoTime();
        VectorIndex index = new LuceneVectorIndexes().create(DIMENSIONS);
        byDocument.forEach(index::replace);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        index.nearest(vector(random), 5);
        double coldSeconds = (System.nanoTime() - coldStart) / 1e9;

        long[] latencies = new long[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            float[] query = vector(random);
            long t = System.nanoTime();
            store.version(team, "bench");
            List<VectorHit> hits = index.nearest(query, 5);
            latencies[q] = System.nanoTime() - t;
            if (hits.size() != 5) {
                throw new IllegalStateException("expected 5 hits, got " + hits.size());
            }
        }
        Arrays.sort(latencies);
        System.out.printf("| %,d | %,.0f | %,.0f | %.2f (read %.2f + build %.2f) | %.2f | %.2f |%n", size,
                size / writeSeconds, size / buildSeconds, coldSeconds, readSeconds, buildSeconds,
                latencies[QUERIES / 2] / 1e6, latencies[QUERIES * 99 / 100] / 1e6);
        index.close();
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
