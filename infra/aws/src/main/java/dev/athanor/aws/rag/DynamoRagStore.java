package dev.athanor.aws.rag;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.BatchWrites;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.rag.IndexedChunk;
import dev.athanor.model.rag.RagChunk;
import dev.athanor.model.rag.RagDocument;
import dev.athanor.model.rag.RagStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Retrieval's store of record in the {@code rag} table, keyed by team: per namespace, documents
 * {@code d#<ns>#<doc>}, chunks {@code c#<ns>#<doc>#<generation>#<position>} and a version counter {@code v#<ns>}.
 * Document ids are percent-encoded in keys, so one id can never be the prefix of another's chunks. A replace writes
 * the new generation's chunks, then the document (the switch), then deletes the old generation; a reader takes only
 * the chunks of each document's current generation.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.rag")
public class DynamoRagStore implements RagStore, TeamData {

    private static final TableDefinition<RagItem> TABLE = Tables.RAG;
    private static final int UNPROCESSED_ATTEMPTS = 8;

    private final TeamScopedTable<RagItem> table;
    private final AtomicCounter versions;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final JsonMapper json;

    public DynamoRagStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames names, JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, TABLE, RagItem::new);
        this.tableName = names.require(TABLE);
        this.versions = new AtomicCounter(dynamo, tableName);
        this.dynamo = dynamo;
        this.json = json;
    }

    @Override
    public RagDocument replace(TeamId team, RagDocument document, List<RagChunk> chunks) {
        String generation = UUID.randomUUID().toString().substring(0, 8);
        writeChunks(team, document, generation, chunks);
        RagDocument current = new RagDocument(document.id(), document.namespace(), document.metadata(),
                chunks.size(), document.model(), document.dimensions(), generation, document.indexedAt());
        String key = documentKey(document.namespace(), document.id());
        // the document as it is just before the switch: its version guards the put, its generation is removed after
        Optional<RagItem> previous = table.getLatest(team, key);
        table.put(team, key, previous.map(RagItem::getVersion).orElse(null), item -> item.setData(write(current)));
        previous.map(this::document).ifPresent(old -> table.deleteAllWithPrefix(team,
                chunkPrefix(old.namespace(), old.id()) + old.generation() + "#"));
        versions.next(team, versionKey(document.namespace()));
        return current;
    }

    /**
     * Writes a generation's chunks 25 at a time ({@link BatchWrites}): their keys are new, so they need no condition,
     * and nothing reads a generation before the document switches to it.
     */
    private void writeChunks(TeamId team, RagDocument document, String generation, List<RagChunk> chunks) {
        List<WriteRequest> pending = new ArrayList<>();
        for (RagChunk chunk : chunks) {
            pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "team_id", AttributeValue.fromS(team.value()),
                    "id", AttributeValue.fromS(chunkKey(document.namespace(), document.id(), generation,
                            chunk.position())),
                    "text", AttributeValue.fromS(chunk.text()),
                    "vector", AttributeValue.fromB(SdkBytes.fromByteBuffer(bytes(chunk.vector()))),
                    "version", AttributeValue.fromN("1"))).build()).build());
        }
        int left = BatchWrites.send(dynamo, tableName, pending, UNPROCESSED_ATTEMPTS);
        if (left > 0) {
            throw new IllegalStateException("DynamoDB kept " + left + " chunk writes unprocessed");
        }
    }

    @Override
    public Optional<RagDocument> find(TeamId team, String namespace, String documentId) {
        return table.getLatest(team, documentKey(namespace, documentId)).map(this::document);
    }

    @Override
    public boolean delete(TeamId team, String namespace, String documentId) {
        Optional<RagDocument> found = find(team, namespace, documentId);
        if (found.isEmpty()) {
            return false;
        }
        table.delete(team, documentKey(namespace, documentId));
        table.deleteAllWithPrefix(team, chunkPrefix(namespace, documentId));
        versions.next(team, versionKey(namespace));
        return true;
    }

    @Override
    public long version(TeamId team, String namespace) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team.value()),
                        "id", AttributeValue.fromS(versionKey(namespace))))).item();
        return item == null || !item.containsKey("next_id") ? 0 : Long.parseLong(item.get("next_id").n());
    }

    @Override
    public List<RagDocument> documents(TeamId team, String namespace) {
        return table.listPrefix(team, "d#" + encode(namespace) + "#", false).stream().map(this::document).toList();
    }

    @Override
    public void forEachChunk(TeamId team, String namespace, Collection<RagDocument> documents,
                             Consumer<IndexedChunk> consumer) {
        Map<String, String> generations = new HashMap<>();
        documents.forEach(d -> generations.put(d.id(), d.generation()));
        String prefix = "c#" + encode(namespace) + "#";
        table.forEachWithPrefix(team, prefix, item -> {
            String[] parts = item.getId().substring(prefix.length()).split("#");
            String documentId = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            if (parts[1].equals(generations.get(documentId))) {
                consumer.accept(indexed(documentId, Integer.parseInt(parts[2]), item));
            }
        }, "vector");
    }

    @Override
    public List<IndexedChunk> indexedChunks(TeamId team, RagDocument document) {
        List<IndexedChunk> chunks = new ArrayList<>(document.chunkCount());
        String prefix = chunkPrefix(document.namespace(), document.id()) + document.generation() + "#";
        table.forEachWithPrefix(team, prefix, item -> chunks.add(indexed(document.id(),
                Integer.parseInt(item.getId().substring(prefix.length())), item)), "vector");
        return chunks;
    }

    @Override
    public List<RagChunk> chunks(TeamId team, Collection<RagDocument> documents, Collection<ChunkRef> refs) {
        Map<String, RagDocument> byId = new HashMap<>();
        documents.forEach(d -> byId.put(d.id(), d));
        List<String> keys = new ArrayList<>();
        Map<String, ChunkRef> byKey = new HashMap<>();
        for (ChunkRef ref : refs) {
            RagDocument document = byId.get(ref.documentId());
            if (document != null) {
                String key = chunkKey(document.namespace(), document.id(), document.generation(), ref.position());
                keys.add(key);
                byKey.put(key, ref);
            }
        }
        List<RagChunk> found = new ArrayList<>();
        for (RagItem item : table.getAll(team, keys)) {
            ChunkRef ref = byKey.get(item.getId());
            found.add(chunk(ref.documentId(), ref.position(), item));
        }
        return found;
    }

    @Override
    public String name() {
        return "rag";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private static IndexedChunk indexed(String documentId, int position, RagItem item) {
        return new IndexedChunk(documentId, position, floats(item.getVector().asByteBuffer()));
    }

    private RagChunk chunk(String documentId, int position, RagItem item) {
        return new RagChunk(documentId, position, item.getText(), floats(item.getVector().asByteBuffer()));
    }

    private RagDocument document(RagItem item) {
        try {
            return json.readValue(item.getData(), RagDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(RagDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return buffer.flip();
    }

    static float[] floats(ByteBuffer bytes) {
        ByteBuffer buffer = bytes.order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    private static String documentKey(String namespace, String documentId) {
        return "d#" + encode(namespace) + "#" + encode(documentId);
    }

    private static String chunkPrefix(String namespace, String documentId) {
        return "c#" + encode(namespace) + "#" + encode(documentId) + "#";
    }

    private static String chunkKey(String namespace, String documentId, String generation, int position) {
        return chunkPrefix(namespace, documentId) + generation + "#" + String.format("%06d", position);
    }

    private static String versionKey(String namespace) {
        return "v#" + encode(namespace);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
