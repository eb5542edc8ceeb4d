package dev.athanor.aws.hitl;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.model.TeamId;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lessons on DynamoDB Local, listed a page at a time from the {@code by_status} index: one status newest first, or
 * every status at once, the statuses' pages merged. The lessons are large (180 KB each), so a read of one status
 * stops at DynamoDB's 1 MB before the page is full, and the merge must not show a lesson of another status that is
 * older than one not read yet.
 */
@ExtendWith(LocalStackExtension.class)
class DynamoExperienceStoreIT {

    private static final Instant BASE = Instant.parse("2026-01-20T10:00:00Z");
    private static final String LARGE = "y".repeat(180_000);

    private DynamoExperienceStore store;
    private TeamId team;

    @BeforeEach
    void setUp() {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_EXPERIENCES");
        store = new DynamoExperienceStore(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(LocalStackExtension.stack().dynamo()).build(), OnlyTables.of("experiences", table));
        team = TeamId.of("lessons-" + UUID.randomUUID());
    }

    /** Lesson {@code i}: its status follows a pattern that keeps statuses of neighbours apart. */
    private static Experience lesson(int i) {
        String status = Experience.STATUSES.get((i * 7 / 3) % 3);
        return new Experience("exp-" + String.format("%02d", i), "app", "qa_agent", LARGE + i, status,
                BASE.plusSeconds(i), null, null, null, null);
    }

    private List<String> walk(String status, int limit) {
        List<String> ids = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 0; request != null; pages++) {
            assertTrue(pages < 200, "the cursor does not move on");
            Page<Experience> page = store.list(team, status, request);
            assertTrue(page.items().size() <= limit);
            page.items().forEach(e -> ids.add(e.id()));
            request = page.hasNext() ? new PageRequest(limit, page.next()) : null;
        }
        return ids;
    }

    @Test
    void every_status_merged_newest_first_each_lesson_once_though_reads_stop_at_one_megabyte() {
        List<String> all = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Experience lesson = store.open(team, lesson(i));
            all.add(0, lesson.id());
            if (Experience.PENDING.equals(lesson.status())) {
                pending.add(0, lesson.id());
            }
        }
        store.open(TeamId.of("other-" + UUID.randomUUID()), lesson(31));

        for (int limit : List.of(1, 4, 8, 30)) {
            assertEquals(all, walk(null, limit), "every status, pages of " + limit);
            assertEquals(pending, walk(Experience.PENDING, limit), "pending, pages of " + limit);
        }
        assertEquals(pending.size(), store.count(team, Experience.PENDING));
        assertEquals(30, Experience.STATUSES.stream().mapToLong(s -> store.count(team, s)).sum());
    }

    @Test
    void a_decided_lesson_moves_to_its_status_and_keeps_its_place_in_the_whole_list() {
        for (int i = 0; i < 3; i++) {
            store.open(team, new Experience("e" + i, "app", "qa_agent", "lesson " + i, Experience.PENDING,
                    BASE.plusSeconds(i), null, null, null, null));
        }
        Experience middle = store.find(team, "e1").orElseThrow();
        store.save(team, middle.decided(true, "alice", null, BASE.plusSeconds(60)));

        assertEquals(List.of("e2", "e0"), walk(Experience.PENDING, 5));
        assertEquals(List.of("e1"), walk(Experience.APPROVED, 5));
        assertEquals(List.of("e2", "e1", "e0"), walk(null, 2));
        assertEquals(2, store.count(team, Experience.PENDING));
    }
}
