package dev.athanor.gateway.rag;

import dev.athanor.model.TeamId;
import dev.athanor.model.rag.RagChunk;
import dev.athanor.model.rag.RagDocument;
import dev.athanor.model.rag.RagStore;
import dev.athanor.model.rag.VectorHit;
import dev.athanor.model.rag.VectorIndex;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance's indexes follow the store of record written by other instances: a change is applied to the index held
 * (only the changed documents), a change of embedding model builds a new one, an emptied namespace has none. The store
 * is written directly here, as another instance's index call would.
 */
@ExtendWith(LocalStackExtension.class)
class RagIndexesIT {

    private static LambdaHttp http;
    private RagStore store;
    private RagIndexes indexes;
    private TeamId team;
    private Instant clock = Instant.parse("2026-12-07T12:00:00Z");

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("GatewayFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @BeforeEach
    void setUp() {
        store = http.context().getBean(RagStore.class);
        indexes = http.context().getBean(RagIndexes.class);
        team = TeamId.of("rag-indexes-" + UUID.randomUUID());
    }

    /** A document with a chunk along each axis given, in a space of 4 dimensions (3 with model m3). */
    private void write(String id, String model, int... axes) {
        int dimensions = model.equals("m3") ? 3 : 4;
        List<RagChunk> chunks = new ArrayList<>();
        for (int i = 0; i < axes.length; i++) {
            float[] vector = new float[dimensions];
            vector[axes[i]] = 1;
            chunks.add(new RagChunk(id, i, id + " " + i, vector));
        }
        clock = clock.plusSeconds(1);
        store.replace(team, new RagDocument(id, "ns", Map.of(), 0, model, dimensions, "", clock), chunks);
    }

    private VectorIndex index() {
        return indexes.current(team, "ns").orElseThrow().index();
    }

    private static List<String> nearest(VectorIndex index, int axis) {
        float[] query = new float[index.dimensions()];
        query[axis] = 1;
        return index.nearest(query, 10).stream().filter(hit -> hit.score() > 0.99)
                .map(VectorHit::documentId).sorted().toList();
    }

    @Test
    void changes_by_another_instance_are_applied_to_the_index_held_and_a_new_model_builds_a_new_one() {
        write("a", "m4", 0, 1);
        write("b", "m4", 2);
        write("c", "m4", 3);
        VectorIndex first = index();
        assertEquals(4, first.size());
        assertEquals(List.of("a"), nearest(first, 0));

        write("a", "m4", 2);     // re-indexed: now one chunk, along b's axis
        store.delete(team, "ns", "c");
        write("d", "m4", 3);

        VectorIndex applied = index();
        assertSame(first, applied, "applied to the index held, not rebuilt");
        assertEquals(3, applied.size());
        assertEquals(List.of(), nearest(applied, 0));
        assertEquals(List.of("a", "b"), nearest(applied, 2));
        assertEquals(List.of("d"), nearest(applied, 3));
        assertEquals("m4", indexes.current(team, "ns").orElseThrow().model());

        write("e", "m3", 1);     // the team moved to another embedding model

        RagIndexes.Current rebuilt = indexes.current(team, "ns").orElseThrow();
        assertNotSame(applied, rebuilt.index());
        assertEquals("m3", rebuilt.model());
        assertEquals(3, rebuilt.index().dimensions());
        assertEquals(1, rebuilt.index().size(), "only the vectors of the newest model's dimensions");
        assertEquals(List.of("e"), nearest(rebuilt.index(), 1));

        for (String id : List.of("a", "b", "d", "e")) {
            assertTrue(store.delete(team, "ns", id));
        }
        assertTrue(indexes.current(team, "ns").isEmpty(), "an emptied namespace has no index");
    }
}
