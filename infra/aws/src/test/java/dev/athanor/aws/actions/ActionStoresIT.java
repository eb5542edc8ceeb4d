package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.aws.dynamo.WriteRace;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.ActionDraft;
import dev.athanor.model.actions.Interaction;
import dev.athanor.model.actions.LlmAction;
import dev.athanor.model.actions.Post;
import dev.athanor.model.actions.PostDraft;
import dev.athanor.model.actions.PostDraft.SectionDraft;
import dev.athanor.model.actions.PromptTemplate;
import dev.athanor.model.actions.TemplateDraft;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actions surface's tables on DynamoDB Local, as template.yaml declares them: ids counted per team and kind,
 * teams kept apart, optimistic locking, paging, post sections and their pointers, interactions newest first, wipes.
 */
@ExtendWith(LocalStackExtension.class)
class ActionStoresIT {

    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");
    private static final PageRequest ALL = PageRequest.first(200);
    private static final WriteRace race = new WriteRace();
    private static DynamoDbClient racing;
    private static String actionsTable;
    private static String historyTable;

    private final MovableClock clock = new MovableClock();
    private DynamoDbClient dynamo;
    private DynamoActionStore actions;
    private DynamoPostStore posts;
    private DynamoInteractionStore interactions;
    /** Stores on a client of their own: the other writer of a race. */
    private DynamoActionStore otherActions;
    private DynamoPostStore otherPosts;
    private TeamId team;
    private TeamId other;

    @BeforeAll
    static void start() {
        Map<String, String> env = LocalStackExtension.stack().functionEnvironment("ActionsFunction");
        actionsTable = env.get("ATHANOR_DYNAMODB_TABLES_ACTIONS");
        historyTable = env.get("ATHANOR_DYNAMODB_TABLES_ACTION_HISTORY");
        Map<String, Object> aws = LocalStackExtension.stack().awsProperties();
        racing = DynamoDbClient.builder()
                .endpointOverride(URI.create(aws.get("aws.services.dynamodb.endpoint-override").toString()))
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(race))
                .build();
    }

    @AfterAll
    static void stop() {
        racing.close();
    }

    @BeforeEach
    void setUp() {
        race.reset();
        dynamo = LocalStackExtension.stack().dynamo();
        OnlyTables tables = new OnlyTables(Map.of("actions", actionsTable, "action_history", historyTable));
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(racing).build();
        actions = new DynamoActionStore(client, racing, tables, clock);
        posts = new DynamoPostStore(client, racing, tables, clock);
        interactions = new DynamoInteractionStore(client, racing, tables, clock);
        DynamoDbEnhancedClient plain = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        otherActions = new DynamoActionStore(plain, dynamo, tables, clock);
        otherPosts = new DynamoPostStore(plain, dynamo, tables, clock);
        team = TeamId.of("actions-" + UUID.randomUUID());
        other = TeamId.of("other-" + UUID.randomUUID());
    }

    private static TemplateDraft template(String name, String field) {
        return new TemplateDraft(name, field, "Rewrite: {{" + field + "}}", "sandbox", 0.7, 300);
    }

    private static ActionDraft action(String field, long templateId) {
        return new ActionDraft(field, templateId, "sandbox", 0.2, 100);
    }

    private static PostDraft post(String title, SectionDraft... sections) {
        return new PostDraft(title, "body of " + title, List.of(sections));
    }

    private static SectionDraft section(Long id, String heading) {
        return new SectionDraft(id, heading, "about " + heading);
    }

    private static Interaction run(long actionId, String input) {
        return new Interaction(99, Interaction.ACTION, actionId, 5L, input, "out of " + input, Interaction.SUCCESS,
                null, "sandbox", 0.2, 100, 1.5, 10, 20, Instant.EPOCH);
    }

    private static Interaction other(String kind, String input) {
        return new Interaction(99, kind, null, null, input, null, Interaction.ERROR, "model down", "sandbox", null,
                null, 0.25, null, null, Instant.EPOCH);
    }

    private Map<String, AttributeValue> stored(String table, String id) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(id)))).item();
    }

    private static <T> List<Long> ids(Page<T> page, Function<T, Long> id) {
        return page.items().stream().map(id).toList();
    }

    private static List<Long> sectionIds(Post post) {
        return post.sections().stream().map(Post.Section::id).toList();
    }

    @Test
    void ids_count_one_two_three_per_team_and_per_kind_and_creates_read_back_whole() {
        assertEquals(List.of(1L, 2L), List.of(actions.createTemplate(team, template("a", "title")).id(),
                actions.createTemplate(team, template("b", "title")).id()));
        assertEquals(List.of(1L, 2L, 3L), IntStream.range(0, 3)
                .mapToObj(i -> actions.createAction(team, action("title", 1)).id()).toList());
        assertEquals(List.of(1L, 2L), List.of(posts.create(team, post("p")).id(), posts.create(team, post("q")).id()));
        assertEquals(List.of(1L, 2L, 3L), List.of(interactions.record(team, run(1, "x")).id(),
                interactions.record(team, other("test", "y")).id(), interactions.record(team, run(2, "z")).id()));
        assertEquals(1, actions.createTemplate(other, template("a", "title")).id(), "each team counts its own");
        assertEquals(1, actions.createAction(other, action("title", 1)).id());
        assertEquals(1, posts.create(other, post("p")).id());
        assertEquals(1, interactions.record(other, run(1, "x")).id());

        PromptTemplate template = actions.findTemplate(team, 2).orElseThrow();
        assertEquals(new PromptTemplate(2, "b", "title", "Rewrite: {{title}}", "sandbox", 0.7, 300, T0, T0), template);
        assertEquals(new LlmAction(3, "title", 1, "sandbox", 0.2, 100, T0, T0),
                actions.findAction(team, 3).orElseThrow());
        assertEquals("title", stored(actionsTable, "template#0000000000000000002").get("source_field").s());
        assertEquals("1", stored(actionsTable, "action#0000000000000000003").get("prompt_template_id").n());
    }

    @Test
    void another_team_sees_and_changes_nothing_of_the_first() {
        actions.createTemplate(team, template("a", "title"));
        actions.createAction(team, action("title", 1));
        Post mine = posts.create(team, post("p", section(null, "intro")));
        interactions.record(team, run(1, "x"));

        assertTrue(actions.findTemplate(other, 1).isEmpty());
        assertEquals(List.of(), actions.templatesFor(other, "title"));
        assertTrue(actions.findAction(other, 1).isEmpty());
        assertEquals(List.of(), actions.actions(other, ALL).items());
        assertThrows(NotFoundException.class, () -> actions.updateTemplate(other, 1, template("x", "title")));
        assertThrows(NotFoundException.class, () -> actions.updateAction(other, 1, action("x", 1)));
        assertFalse(actions.deleteAction(other, 1));
        assertTrue(posts.find(other, 1).isEmpty());
        assertEquals(List.of(), posts.list(other, ALL).items());
        assertThrows(NotFoundException.class, () -> posts.update(other, 1, post("x")));
        assertFalse(posts.delete(other, 1));
        assertTrue(posts.findBySection(other, mine.sections().get(0).id()).isEmpty());
        assertEquals(List.of(), interactions.forAction(other, 1, ALL).items());
        assertEquals(List.of(), interactions.list(other, null, ALL).items());
        interactions.deleteForAction(other, 1);

        assertEquals("a", actions.findTemplate(team, 1).orElseThrow().name());
        assertTrue(actions.findAction(team, 1).isPresent());
        assertEquals(mine, posts.findBySection(team, mine.sections().get(0).id()).orElseThrow());
        assertEquals(1, interactions.forAction(team, 1, ALL).items().size());
    }

    @Test
    void templates_for_a_field_are_only_that_fields_oldest_first() {
        actions.createTemplate(team, template("t1", "title"));
        actions.createTemplate(team, template("b1", "body"));
        actions.createTemplate(team, template("t2", "title"));

        assertEquals(List.of("t1", "t2"), actions.templatesFor(team, "title").stream().map(PromptTemplate::name)
                .toList());
        assertEquals(List.of("b1"), actions.templatesFor(team, "body").stream().map(PromptTemplate::name).toList());
        assertEquals(List.of(), actions.templatesFor(team, "summary"));
    }

    @Test
    void updates_replace_the_fields_keep_the_creation_time_and_an_unknown_id_is_not_found() {
        actions.createTemplate(team, template("a", "title"));
        actions.createAction(team, action("title", 1));
        clock.set(T0.plusSeconds(60));

        PromptTemplate template = actions.updateTemplate(team, 1, new TemplateDraft("renamed", "body", "New {{body}}",
                "gpt", 0.1, 50));
        LlmAction action = actions.updateAction(team, 1, new ActionDraft("body", 1, "gpt", 0.9, 70));

        assertEquals(new PromptTemplate(1, "renamed", "body", "New {{body}}", "gpt", 0.1, 50, T0, T0.plusSeconds(60)),
                template);
        assertEquals(template, actions.findTemplate(team, 1).orElseThrow());
        assertEquals(new LlmAction(1, "body", 1, "gpt", 0.9, 70, T0, T0.plusSeconds(60)), action);
        assertEquals("2", stored(actionsTable, "action#0000000000000000001").get("version").n());
        assertThrows(NotFoundException.class, () -> actions.updateTemplate(team, 7, template("x", "title")));
        assertThrows(NotFoundException.class, () -> actions.updateAction(team, 7, action("x", 1)));
        assertTrue(stored(actionsTable, "template#0000000000000000007").isEmpty(), "a refused update creates nothing");
    }

    @Test
    void an_update_that_loses_a_race_is_a_conflict_and_the_winner_stays() {
        actions.createTemplate(team, template("a", "title"));
        actions.createAction(team, action("title", 1));

        race.before(r -> r instanceof UpdateItemRequest u && u.key().get("id").s().startsWith("template#"),
                () -> otherActions.updateTemplate(team, 1, template("winner", "title")));
        assertThrows(ConflictException.class, () -> actions.updateTemplate(team, 1, template("loser", "title")));
        race.before(r -> r instanceof UpdateItemRequest u && u.key().get("id").s().startsWith("action#"),
                () -> otherActions.updateAction(team, 1, action("winner", 1)));
        assertThrows(ConflictException.class, () -> actions.updateAction(team, 1, action("loser", 1)));

        assertTrue(race.ran());
        assertEquals("winner", actions.findTemplate(team, 1).orElseThrow().name());
        assertEquals("winner", actions.findAction(team, 1).orElseThrow().fieldName());
    }

    @Test
    void actions_and_posts_page_by_id_with_cursors_that_only_their_own_list_and_team_accept() {
        for (int i = 0; i < 5; i++) {
            actions.createAction(team, action("f" + i, 1));
            actions.createAction(other, action("f" + i, 1));
        }
        posts.create(team, post("p1"));
        posts.create(team, post("p2"));

        Page<LlmAction> first = actions.actions(team, PageRequest.first(2));
        Page<LlmAction> second = actions.actions(team, new PageRequest(2, first.next()));
        Page<LlmAction> third = actions.actions(team, new PageRequest(2, second.next()));
        Page<Post> postPage = posts.list(team, PageRequest.first(1));

        assertEquals(List.of(1L, 2L), ids(first, LlmAction::id));
        assertEquals(List.of(3L, 4L), ids(second, LlmAction::id));
        assertEquals(List.of(5L), ids(third, LlmAction::id));
        assertNull(third.next());
        assertEquals(List.of(1L), ids(postPage, Post::id));
        assertEquals(List.of(2L), ids(posts.list(team, new PageRequest(1, postPage.next())), Post::id));
        assertThrows(InvalidInputException.class, () -> actions.actions(other, new PageRequest(2, first.next())));
        assertThrows(InvalidInputException.class, () -> posts.list(team, new PageRequest(2, first.next())));
        assertThrows(InvalidInputException.class, () -> actions.actions(team, new PageRequest(2, postPage.next())));
        assertThrows(InvalidInputException.class, () -> actions.actions(team, new PageRequest(2, "made-up")));
    }

    @Test
    void sections_keep_their_ids_on_update_new_ones_get_fresh_ids_and_removed_ones_lose_their_pointers() {
        Post created = posts.create(team, post("p", section(null, "intro"), section(null, "middle")));
        assertEquals(List.of(1L, 2L), sectionIds(created));
        assertEquals("1", stored(actionsTable, "section#0000000000000000001").get("post_id").n());
        clock.set(T0.plusSeconds(5));

        Post updated = posts.update(team, 1, new PostDraft("p2", "new body", List.of(
                new SectionDraft(2L, "middle, rewritten", "more"), section(null, "outro"))));

        assertEquals(List.of(new Post.Section(2, "middle, rewritten", "more"), new Post.Section(3, "outro",
                "about outro")), updated.sections());
        assertEquals(new Post(1, "p2", "new body", updated.sections(), T0, T0.plusSeconds(5)),
                posts.find(team, 1).orElseThrow());
        assertTrue(stored(actionsTable, "section#0000000000000000001").isEmpty());
        assertTrue(posts.findBySection(team, 1).isEmpty());
        assertEquals(updated, posts.findBySection(team, 3).orElseThrow());
        assertEquals(updated, posts.findBySection(team, 2).orElseThrow());
        assertEquals(List.of(4L), sectionIds(posts.create(team, post("q", section(null, "next")))));
    }

    @Test
    void a_section_id_not_of_the_post_is_refused_and_nothing_is_written() {
        posts.create(team, post("a", section(null, "a1")));
        posts.create(team, post("b", section(null, "b1")));

        // another post's section, one that does not exist, and one of the post's own given twice
        for (long wrong : List.of(2L, 99L, 1L)) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> posts.update(team, 1,
                    post("a!", section(1L, "a1"), section(wrong, "wrong"), section(null, "new"))));
            assertTrue(refused.fieldErrors().containsKey("sections"), refused.fieldErrors().toString());
        }

        assertEquals("a", posts.find(team, 1).orElseThrow().title());
        assertEquals("1", stored(actionsTable, "post#0000000000000000001").get("version").n());
        assertEquals(2, posts.findBySection(team, 2).orElseThrow().id());
        assertEquals(List.of(3L), sectionIds(posts.create(team, post("c", section(null, "c1")))),
                "no section id was taken by a refused update");
    }

    @Test
    void a_post_update_that_loses_a_race_is_a_conflict_and_leaves_no_pointer_behind() {
        posts.create(team, post("p", section(null, "one")));
        race.before(r -> r instanceof TransactWriteItemsRequest,
                () -> otherPosts.update(team, 1, post("winner", section(1L, "one"))));

        assertThrows(ConflictException.class, () -> posts.update(team, 1, post("loser", section(null, "two"))));

        assertTrue(race.ran());
        Post kept = posts.find(team, 1).orElseThrow();
        assertEquals("winner", kept.title());
        assertEquals(List.of(1L), sectionIds(kept));
        assertTrue(stored(actionsTable, "section#0000000000000000002").isEmpty());
        assertEquals(kept, posts.findBySection(team, 1).orElseThrow());
    }

    @Test
    void all_fifty_sections_replaced_at_once_move_every_pointer_and_a_delete_removes_them() {
        List<SectionDraft> fifty = IntStream.range(0, 50).mapToObj(i -> section(null, "s" + i)).toList();
        posts.create(team, new PostDraft("big", "b", fifty));

        Post replaced = posts.update(team, 1, new PostDraft("big", "b", fifty));

        assertEquals(LongStream.rangeClosed(51, 100).boxed().toList(), sectionIds(replaced));
        for (long old = 1; old <= 50; old++) {
            assertTrue(stored(actionsTable, DynamoPostStore.key(DynamoPostStore.SECTION, old)).isEmpty(), "" + old);
        }
        assertEquals(replaced, posts.findBySection(team, 100).orElseThrow());
        assertTrue(posts.delete(team, 1));
        assertFalse(posts.delete(team, 1));
        assertTrue(posts.find(team, 1).isEmpty());
        for (long removed = 51; removed <= 100; removed++) {
            assertTrue(stored(actionsTable, DynamoPostStore.key(DynamoPostStore.SECTION, removed)).isEmpty());
        }
        assertTrue(posts.findBySection(team, 51).isEmpty());
    }

    @Test
    void interactions_list_newest_first_per_action_across_kinds_and_by_kind_and_replace_id_and_time() {
        Interaction first = interactions.record(team, run(1, "a"));
        interactions.record(team, run(2, "b"));
        interactions.record(team, other("test", "c"));
        interactions.record(team, run(1, "d"));
        interactions.record(team, other("generate-idea", "e"));

        assertEquals(new Interaction(1, Interaction.ACTION, 1L, 5L, "a", "out of a", Interaction.SUCCESS, null,
                "sandbox", 0.2, 100, 1.5, 10, 20, T0), first);
        assertEquals(List.of(4L, 1L), ids(interactions.forAction(team, 1, ALL), Interaction::id));
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), ids(interactions.list(team, null, ALL), Interaction::id));
        assertEquals(List.of(4L, 2L, 1L), ids(interactions.list(team, Interaction.ACTION, ALL), Interaction::id));
        assertEquals(List.of(3L), ids(interactions.list(team, "test", ALL), Interaction::id));
        assertEquals("model down", interactions.list(team, "generate-idea", ALL).items().get(0).errorMessage());
        assertEquals(List.of(), interactions.list(team, "optimize-seo", ALL).items());
    }

    @Test
    void interaction_lists_page_with_cursors_of_their_own() {
        for (int i = 0; i < 3; i++) {
            interactions.record(team, run(1, "r" + i));
            interactions.record(team, other("test", "t" + i));
        }

        Page<Interaction> newest = interactions.list(team, null, PageRequest.first(4));
        Page<Interaction> rest = interactions.list(team, null, new PageRequest(4, newest.next()));
        Page<Interaction> runs = interactions.forAction(team, 1, PageRequest.first(2));

        assertEquals(List.of(6L, 5L, 4L, 3L), ids(newest, Interaction::id));
        assertEquals(List.of(2L, 1L), ids(rest, Interaction::id));
        assertNull(rest.next());
        assertEquals(List.of(5L, 3L), ids(runs, Interaction::id));
        assertEquals(List.of(1L), ids(interactions.forAction(team, 1, new PageRequest(2, runs.next())),
                Interaction::id));
        assertThrows(InvalidInputException.class, () -> interactions.forAction(team, 2, new PageRequest(2,
                runs.next())));
        assertThrows(InvalidInputException.class, () -> interactions.list(other, null, new PageRequest(2,
                newest.next())));
        assertThrows(InvalidInputException.class, () -> interactions.list(team, "test", new PageRequest(2,
                runs.next())));
    }

    @Test
    void deleting_an_actions_interactions_leaves_other_actions_and_kinds() {
        interactions.record(team, run(1, "a"));
        interactions.record(team, run(2, "b"));
        interactions.record(team, other("test", "c"));
        interactions.record(team, run(1, "d"));

        interactions.deleteForAction(team, 1);

        assertEquals(List.of(), interactions.forAction(team, 1, ALL).items());
        assertEquals(List.of(3L, 2L), ids(interactions.list(team, null, ALL), Interaction::id));
        interactions.deleteForAction(team, 1); // safe to repeat
    }

    @Test
    void wipes_erase_the_teams_data_only_and_ids_keep_counting() {
        actions.createTemplate(team, template("a", "title"));
        actions.createAction(team, action("title", 1));
        posts.create(team, post("p", section(null, "s")));
        interactions.record(team, run(1, "a"));
        interactions.record(team, other("test", "b"));
        actions.createAction(other, action("title", 1));
        posts.create(other, post("p", section(null, "s")));
        interactions.record(other, run(1, "a"));

        actions.wipe(team);
        posts.wipe(team);
        interactions.wipe(team);

        assertEquals(List.of(), actions.templatesFor(team, "title"));
        assertEquals(List.of(), actions.actions(team, ALL).items());
        assertEquals(List.of(), posts.list(team, ALL).items());
        assertTrue(stored(actionsTable, "section#0000000000000000001").isEmpty());
        assertEquals(List.of(), interactions.list(team, null, ALL).items());
        assertEquals(List.of(), interactions.forAction(team, 1, ALL).items());
        assertEquals(1, actions.actions(other, ALL).items().size());
        assertEquals(1, posts.list(other, ALL).items().size());
        assertEquals(1, interactions.list(other, null, ALL).items().size());
        assertEquals(2, actions.createTemplate(team, template("b", "title")).id());
        assertEquals(2, actions.createAction(team, action("title", 1)).id());
        Post next = posts.create(team, post("q", section(null, "t")));
        assertEquals(List.of(2L, 2L), List.of(next.id(), next.sections().get(0).id()));
        assertEquals(3, interactions.record(team, run(1, "c")).id());
        assertEquals(List.of("actions", "posts", "action_history"),
                List.of(actions.name(), posts.name(), interactions.name()));
    }

    /** A clock the test moves; it starts at {@link #T0}. */
    private static final class MovableClock extends Clock {

        private Instant now = T0;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
