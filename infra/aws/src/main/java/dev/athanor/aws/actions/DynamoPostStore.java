package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.Post;
import dev.athanor.model.actions.PostDraft;
import dev.athanor.model.actions.PostStore;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blog posts in the {@code actions} table: per team, {@code post#<id>} items holding their sections in order, and
 * one pointer {@code section#<section id>} per section naming its post, so a section is found by its id alone. A post
 * and its pointers are written in one transaction, conditional on the post's version. Section ids come from a team
 * counter of their own and are never reused. Reads are strongly consistent: a post is acted on right after it is
 * saved. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.actions")
public class DynamoPostStore implements PostStore {

    static final String POST = "post#";
    static final String SECTION = "section#";
    static final String POST_COUNTER = "counter#posts";
    static final String SECTION_COUNTER = "counter#sections";
    /** DynamoDB's limit on the items of one transaction. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int MAX_DELETE_TRIES = 5;
    private static final TableDefinition<PostItem> POSTS =
            new TableDefinition<>(Tables.ACTIONS.logicalName(), PostItem.class);
    private static final TableDefinition<SectionPointerItem> POINTERS =
            new TableDefinition<>(Tables.ACTIONS.logicalName(), SectionPointerItem.class);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<PostItem> postItems;
    private final DynamoDbTable<SectionPointerItem> pointerItems;
    private final TeamScopedTable<PostItem> posts;
    private final TeamScopedTable<SectionPointerItem> pointers;
    private final PagedQuery<PostItem> postPages;
    private final AtomicCounter counter;
    private final Clock clock;

    public DynamoPostStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames tables, Clock clock) {
        String tableName = tables.require(Tables.ACTIONS);
        this.client = client;
        this.postItems = client.table(tableName, POSTS.schema());
        this.pointerItems = client.table(tableName, POINTERS.schema());
        this.posts = new TeamScopedTable<>(client, tables, POSTS, PostItem::new);
        this.pointers = new TeamScopedTable<>(client, tables, POINTERS, SectionPointerItem::new);
        this.postPages = posts.pages(null).consistent();
        this.counter = new AtomicCounter(dynamo, tableName);
        this.clock = clock;
    }

    @Override
    public Post create(TeamId team, PostDraft draft) {
        checkSections(draft, Set.of());
        long id = counter.next(team, POST_COUNTER);
        Instant now = now();
        PostItem item = item(team, id, draft, sectionIds(team, draft), now, now, null);
        write(team, item, Set.of());
        return view(item);
    }

    @Override
    public Optional<Post> find(TeamId team, long id) {
        return posts.getLatest(team, key(POST, id)).map(DynamoPostStore::view);
    }

    @Override
    public Page<Post> list(TeamId team, PageRequest page) {
        return postPages.page(team, new PagedQuery.Slice(team.value(), POST), page).map(DynamoPostStore::view);
    }

    @Override
    public Post update(TeamId team, long id, PostDraft draft) {
        PostItem current = posts.getLatest(team, key(POST, id))
                .orElseThrow(() -> new NotFoundException("Post not found"));
        Set<Long> own = sectionsOf(current);
        checkSections(draft, own);
        PostItem next = item(team, id, draft, sectionIds(team, draft), current.getCreatedAt(), now(),
                current.getVersion());
        write(team, next, own);
        return view(next);
    }

    /** Retries when the post changed between its read and the delete, so no section added meanwhile keeps a pointer. */
    @Override
    public boolean delete(TeamId team, long id) {
        for (int attempt = 1; ; attempt++) {
            Optional<PostItem> current = posts.getLatest(team, key(POST, id));
            if (current.isEmpty()) {
                return false;
            }
            List<Long> sections = new ArrayList<>(sectionsOf(current.get()));
            int inTransaction = Math.min(sections.size(), MAX_TRANSACTION_ITEMS - 1);
            Expression unchanged = Expression.builder().expression("version = :version")
                    .putExpressionValue(":version", AttributeValue.fromN(current.get().getVersion().toString()))
                    .build();
            try {
                client.transactWriteItems(r -> {
                    r.addDeleteItem(postItems, TransactDeleteItemEnhancedRequest.builder()
                            .key(key(team, key(POST, id))).conditionExpression(unchanged).build());
                    sections.subList(0, inTransaction).forEach(section ->
                            r.addDeleteItem(pointerItems, key(team, key(SECTION, section))));
                });
            } catch (TransactionCanceledException raced) {
                if (attempt >= MAX_DELETE_TRIES) {
                    throw new ConflictException("Post " + id + " kept changing while it was deleted; try again",
                            raced);
                }
                continue;
            }
            sections.subList(inTransaction, sections.size()).forEach(section ->
                    pointers.delete(team, key(SECTION, section)));
            return true;
        }
    }

    /** Checks that the pointer's post still holds the section: a pointer deleted after its transaction may linger. */
    @Override
    public Optional<Post> findBySection(TeamId team, long sectionId) {
        return pointers.getLatest(team, key(SECTION, sectionId))
                .flatMap(pointer -> posts.getLatest(team, key(POST, pointer.getPostId())))
                .filter(post -> sectionsOf(post).contains(sectionId))
                .map(DynamoPostStore::view);
    }

    @Override
    public String name() {
        return "posts";
    }

    /** Posts and section pointers go; the counters stay, so an id is never given out twice. */
    @Override
    public void wipe(TeamId team) {
        posts.deleteAllWithPrefix(team, POST);
        pointers.deleteAllWithPrefix(team, SECTION);
    }

    /**
     * Writes the post (conditional on its version: absent when it has none) in one transaction with a pointer for each
     * section it did not have ({@code before} are the ones it had) and the removal of the pointers of those it no
     * longer has. Replacing all of 50 sections would take 101 items, one more than a transaction holds: removals that
     * do not fit follow the commit (a removed section id never comes back, and {@link #findBySection} ignores a
     * pointer to a post without its section).
     */
    private void write(TeamId team, PostItem post, Set<Long> before) {
        Set<Long> after = sectionsOf(post);
        List<Long> added = after.stream().filter(section -> !before.contains(section)).toList();
        List<Long> removed = before.stream().filter(section -> !after.contains(section)).toList();
        int inTransaction = Math.min(removed.size(), MAX_TRANSACTION_ITEMS - 1 - added.size());
        TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(postItems, post);
        added.forEach(section -> request.addPutItem(pointerItems, pointer(team, section, post.getPostId())));
        removed.subList(0, inTransaction).forEach(section ->
                request.addDeleteItem(pointerItems, key(team, key(SECTION, section))));
        try {
            client.transactWriteItems(request.build());
        } catch (TransactionCanceledException e) {
            throw new ConflictException("Post " + post.getPostId()
                    + " was changed by another request; read it again and retry", e);
        }
        removed.subList(inTransaction, removed.size()).forEach(section -> pointers.delete(team, key(SECTION, section)));
    }

    /** Every section id of the draft must be one of {@code own}, and at most once; nothing is written otherwise. */
    private static void checkSections(PostDraft draft, Set<Long> own) {
        Set<Long> seen = new HashSet<>();
        for (PostDraft.SectionDraft section : draft.sections()) {
            if (section.id() == null) {
                continue;
            }
            String problem = !own.contains(section.id()) ? "section " + section.id() + " is not one of this post's"
                    : !seen.add(section.id()) ? "section " + section.id() + " is given twice" : null;
            if (problem != null) {
                throw new InvalidInputException("sections " + problem, Map.of("sections", List.of(problem)));
            }
        }
    }

    /** The draft's sections in order, those without an id given the next ids of the team (one counter write). */
    private List<PostItem.SectionValue> sectionIds(TeamId team, PostDraft draft) {
        int fresh = (int) draft.sections().stream().filter(section -> section.id() == null).count();
        long next = fresh == 0 ? 0 : counter.reserve(team, SECTION_COUNTER, fresh);
        List<PostItem.SectionValue> sections = new ArrayList<>();
        for (PostDraft.SectionDraft section : draft.sections()) {
            long sectionId = section.id() != null ? section.id() : next++;
            sections.add(new PostItem.SectionValue(sectionId, section.heading(), section.content()));
        }
        return sections;
    }

    private static Set<Long> sectionsOf(PostItem post) {
        Set<Long> ids = new LinkedHashSet<>();
        if (post.getSections() != null) {
            post.getSections().forEach(section -> ids.add(section.getId()));
        }
        return ids;
    }

    static String key(String prefix, long id) {
        return prefix + String.format("%019d", id);
    }

    private static Key key(TeamId team, String id) {
        return Key.builder().partitionValue(team.value()).sortValue(id).build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static SectionPointerItem pointer(TeamId team, long sectionId, long postId) {
        SectionPointerItem pointer = new SectionPointerItem();
        pointer.setTeamId(team.value());
        pointer.setId(key(SECTION, sectionId));
        pointer.setPostId(postId);
        return pointer;
    }

    private static PostItem item(TeamId team, long id, PostDraft draft, List<PostItem.SectionValue> sections,
                                 Instant createdAt, Instant updatedAt, Long version) {
        PostItem item = new PostItem();
        item.setTeamId(team.value());
        item.setId(key(POST, id));
        item.setVersion(version);
        item.setPostId(id);
        item.setTitle(draft.title());
        item.setBody(draft.body());
        item.setSections(sections);
        item.setCreatedAt(createdAt);
        item.setUpdatedAt(updatedAt);
        return item;
    }

    private static Post view(PostItem item) {
        List<Post.Section> sections = item.getSections() == null ? List.of() : item.getSections().stream()
                .map(section -> new Post.Section(section.getId(), section.getHeading(), section.getContent()))
                .toList();
        return new Post(item.getPostId(), item.getTitle(), item.getBody(), sections, item.getCreatedAt(),
                item.getUpdatedAt());
    }
}
