package dev.athanor.aws.rag;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.rag.IndexedChunk;
import dev.athanor.model.rag.RagChunk;
import dev.athanor.model.rag.RagDocument;
import dev.athanor.model.rag.RagStore;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retrieval's store of record on DynamoDB Local: replace by generation, versions, current chunks only, teams apart. */
@ExtendWith(LocalStackExtension.class)
class DynamoRagStoreIT {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private DynamoRagStore store;
    private TeamId team;

    @BeforeEach
    void setUp() {
        String table = LocalStackExtension.stack().functionEnvironment("GatewayFunction")
                .get("ATHANOR_DYNAMODB_TABLES_RAG");
        DynamoDbClient dynamo = LocalStackExtension.stack().dynamo();
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        TableNames names = OnlyTables.of("rag", table);
        store = new DynamoRagStore(client, dynamo, names, JsonMapper.createDefault());
        team = TeamId.of("rag-" + UUID.randomUUID());
    }

    private static RagDocument document(String id, String namespace) {
        return new RagDocument(id, namespace, Map.of("title", "T " + id), 0, "sandbox-embed", 3, "", NOW);
    }

    private static List<RagChunk> chunks(String id, String... texts) {
        List<RagChunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new RagChunk(id, i, texts[i], new float[] {i, 0.5f, -1.25f}));
        }
        return chunks;
    }

    /** Every chunk of the namespace's current documents, as an index build reads them. */
    private List<IndexedChunk> all(TeamId owner, String namespace) {
        List<IndexedChunk> chunks = new ArrayList<>();
        store.forEachChunk(owner, namespace, store.documents(owner, namespace), chunks::add);
        return chunks;
    }

    private static List<String> positions(List<IndexedChunk> chunks) {
        return chunks.stream().map(c -> c.documentId() + "/" + c.position()).toList();
    }

    @Test
    void a_replace_makes_the_new_chunks_current_and_removes_the_old_ones() {
        assertEquals(0, store.version(team, "docs"));
        RagDocument first = store.replace(team, document("a#1", "docs"), chunks("a#1", "alpha", "beta"));
        store.replace(team, document("a", "docs"), chunks("a", "gamma"));
        long afterTwo = store.version(team, "docs");

        RagDocument second = store.replace(team, document("a#1", "docs"), chunks("a#1", "delta"));

        assertEquals(2, first.chunkCount());
        assertEquals(1, second.chunkCount());
        assertFalse(first.generation().equals(second.generation()));
        assertTrue(store.version(team, "docs") > afterTwo);
        List<IndexedChunk> current = all(team, "docs");
        assertEquals(List.of("a/0", "a#1/0"), positions(current), "a document's chunks together, in key order");
        assertArrayEquals(new float[] {0, 0.5f, -1.25f}, current.get(1).vector());
        assertEquals(List.of("a#1/0"), positions(store.indexedChunks(team, second)));
        assertEquals(List.of(), store.indexedChunks(team, first), "the old generation is gone");
        List<IndexedChunk> old = new ArrayList<>();
        store.forEachChunk(team, "docs", List.of(first), old::add);
        assertEquals(List.of(), old);
        assertEquals(Map.of("title", "T a#1"), store.find(team, "docs", "a#1").orElseThrow().metadata());
        assertEquals(List.of("delta"), store.chunks(team, List.of(second), List.of(new RagStore.ChunkRef("a#1", 0),
                new RagStore.ChunkRef("a#1", 1), new RagStore.ChunkRef("missing", 0))).stream()
                .map(RagChunk::text).toList());
        assertEquals(List.of(), store.chunks(team, List.of(first), List.of(new RagStore.ChunkRef("a#1", 0),
                new RagStore.ChunkRef("a#1", 1))), "the old generation's chunks are deleted");
    }

    @Test
    void delete_removes_the_document_and_its_chunks_and_other_teams_and_namespaces_see_nothing() {
        store.replace(team, document("doc", "docs"), chunks("doc", "one", "two"));
        store.replace(team, document("doc", "other"), chunks("doc", "elsewhere"));
        TeamId stranger = TeamId.of("rag-other-" + UUID.randomUUID());

        assertTrue(store.delete(team, "docs", "doc"));

        assertFalse(store.delete(team, "docs", "doc"));
        assertEquals(List.of(), all(team, "docs"));
        assertEquals(List.of("doc/0"), positions(all(team, "other")));
        assertEquals(List.of("elsewhere"), store.chunks(team, store.documents(team, "other"),
                        List.of(new RagStore.ChunkRef("doc", 0)))
                .stream().map(RagChunk::text).toList());
        assertEquals(List.of(), store.documents(stranger, "other"));
        assertEquals(List.of(), all(stranger, "other"));
        List<IndexedChunk> strangers = new ArrayList<>();
        store.forEachChunk(stranger, "other", store.documents(team, "other"), strangers::add);
        assertEquals(List.of(), strangers, "another team's document records open nothing of this team's");
        assertEquals(0, store.version(stranger, "other"));
    }
}
