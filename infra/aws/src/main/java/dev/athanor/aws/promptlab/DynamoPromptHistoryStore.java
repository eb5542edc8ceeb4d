package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prompt history and backend-test history in the {@code prompt_history} table. Items of one project and kind share
 * the sort-key prefix {@code p#<project>#<kind>#}: entries are {@code ...e#<id>} (zero-padded, so a query returns
 * them in id order, newest first when reversed) and a counter item {@code ...n} hands out the ids atomically.
 * Deleting a project removes its prefix. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-history")
public class DynamoPromptHistoryStore implements PromptHistoryStore, TeamData {

    private static final int MARKED_PAGE = 25;
    private static final Expression MARKED = Expression.builder().expression("marked = :marked")
            .putExpressionValue(":marked", AttributeValue.fromBool(true)).build();

    private final TeamScopedTable<PromptHistoryItem> table;
    private final PagedQuery<PromptHistoryItem> entries;
    private final TableSchema<PromptHistoryItem> schema = Tables.PROMPT_HISTORY.schema();
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final AtomicCounter counter;
    private final JsonMapper json;

    public DynamoPromptHistoryStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames names,
                                    JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, Tables.PROMPT_HISTORY, PromptHistoryItem::new);
        this.entries = table.pages(null).newestFirst().consistent();
        this.dynamo = dynamo;
        this.tableName = names.require(Tables.PROMPT_HISTORY);
        this.counter = new AtomicCounter(dynamo, tableName);
        this.json = json;
    }

    @Override
    public PromptHistoryEntry add(TeamId team, Kind kind, PromptHistoryEntry entry) {
        long id = counter.next(team, prefix(entry.projectId(), kind) + "n");
        PromptHistoryItem stored = table.put(team, entryKey(entry.projectId(), kind, id), null, item -> {
            item.setProjectId(entry.projectId());
            item.setKind(kind.name());
            item.setEntryId(id);
            item.setPrompt(write(entry.prompt()));
            item.setResponse(entry.response());
            item.setThought(entry.thought());
            PromptHistoryEntry.BackendResult backend = entry.backend();
            if (backend != null) {
                item.setBackendUrl(backend.url());
                item.setStatusCode(backend.statusCode());
                item.setResponseTimeMs(backend.responseTimeMs());
                item.setTimeToFirstByteMs(backend.timeToFirstByteMs());
                item.setError(backend.error());
            }
            item.setRating(entry.rating());
            item.setNotes(entry.notes());
            item.setMarked(entry.marked());
            item.setCreatedAt(entry.createdAt());
        });
        return view(stored);
    }

    @Override
    public Page<PromptHistoryEntry> list(TeamId team, Kind kind, long projectId, PageRequest page) {
        return entries.page(team, entries(team, projectId, kind), page).map(this::view);
    }

    /** Reads pages of entries that pass a filter on {@code marked} until the first one, or the end. */
    @Override
    public Optional<PromptHistoryEntry> newestMarked(TeamId team, Kind kind, long projectId) {
        PageRequest page = PageRequest.first(MARKED_PAGE);
        while (true) {
            Page<PromptHistoryItem> read = entries.page(team, List.of(entries(team, projectId, kind)), page, MARKED);
            if (!read.items().isEmpty()) {
                return Optional.of(view(read.items().get(0)));
            }
            if (!read.hasNext()) {
                return Optional.empty();
            }
            page = new PageRequest(MARKED_PAGE, read.next());
        }
    }

    @Override
    public long count(TeamId team, Kind kind, long projectId, boolean markedOnly) {
        return entries.count(entries(team, projectId, kind), markedOnly ? MARKED : null);
    }

    private static PagedQuery.Slice entries(TeamId team, long projectId, Kind kind) {
        return new PagedQuery.Slice(team.value(), prefix(projectId, kind) + "e#");
    }

    @Override
    public Optional<PromptHistoryEntry> find(TeamId team, Kind kind, long projectId, long id) {
        return table.getLatest(team, entryKey(projectId, kind, id)).map(this::view);
    }

    /** One conditional update: concurrent changes of different fields of an entry do not undo each other. */
    @Override
    public PromptHistoryEntry update(TeamId team, Kind kind, long projectId, long id, @Nullable Integer rating,
                                     @Nullable String notes, @Nullable Boolean marked) {
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", AttributeValue.fromN("1"));
        if (rating != null) {
            sets.add("rating = :rating");
            values.put(":rating", AttributeValue.fromN(rating.toString()));
        }
        if (notes != null) {
            sets.add("notes = :notes");
            values.put(":notes", AttributeValue.fromS(notes));
        }
        if (marked != null) {
            sets.add("marked = :marked");
            values.put(":marked", AttributeValue.fromBool(marked));
        }
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ") + "ADD version :one";
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("team_id", AttributeValue.fromS(team.value()),
                            "id", AttributeValue.fromS(entryKey(projectId, kind, id))))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return view(schema.mapToItem(updated));
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("History entry not found");
        }
    }

    @Override
    public void deleteProject(TeamId team, long projectId) {
        table.deleteAllWithPrefix(team, prefix(projectId));
    }

    @Override
    public String name() {
        return "prompt_history";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private static String prefix(long projectId) {
        return "p#" + String.format("%019d", projectId) + "#";
    }

    private static String prefix(long projectId, Kind kind) {
        return prefix(projectId) + kind.name().toLowerCase(Locale.ROOT) + "#";
    }

    static String entryKey(long projectId, Kind kind, long id) {
        return prefix(projectId, kind) + "e#" + String.format("%019d", id);
    }

    private String write(PromptSettings prompt) {
        try {
            return json.writeValueAsString(prompt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PromptHistoryEntry view(PromptHistoryItem item) {
        PromptSettings prompt;
        try {
            prompt = json.readValue(item.getPrompt(), PromptSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PromptHistoryEntry.BackendResult backend = item.getBackendUrl() == null ? null
                : new PromptHistoryEntry.BackendResult(item.getBackendUrl(), item.getStatusCode(),
                item.getResponseTimeMs(), item.getTimeToFirstByteMs(), item.getError());
        return new PromptHistoryEntry(item.getEntryId(), item.getProjectId(), prompt, item.getResponse(),
                item.getThought(), backend, item.getRating(), item.getNotes(),
                Boolean.TRUE.equals(item.getMarked()), item.getCreatedAt());
    }
}
