package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.Interaction;
import dev.athanor.model.actions.InteractionStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The actions surface's model interactions in the {@code action_history} table. Ids come from one counter item per
 * team ({@value #COUNTER}). An action's run is keyed {@code action#<action id>#<id>}, so one action's runs are one
 * prefix of the table (read newest first, strongly consistent, and removed with the action); any other kind is keyed
 * {@code <kind>#<id>}. Every interaction has {@code created_key} (its id, zero-padded), which orders the team's
 * interactions of every kind in the {@code by_time} index. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.action-history")
public class DynamoInteractionStore implements InteractionStore {

    static final String COUNTER = "counter#interactions";
    /** Kinds are part of keys: no {@code #}, and none that would share the counter's prefix. */
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final TeamScopedTable<InteractionItem> table;
    private final PagedQuery<InteractionItem> byKey;
    private final PagedQuery<InteractionItem> byTime;
    private final AtomicCounter counter;
    private final Clock clock;

    public DynamoInteractionStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames tables,
                                  Clock clock) {
        this.table = new TeamScopedTable<>(client, tables, Tables.ACTION_HISTORY, InteractionItem::new);
        this.byKey = table.pages(null).newestFirst().consistent();
        this.byTime = table.pages(InteractionItem.BY_TIME).newestFirst();
        this.counter = new AtomicCounter(dynamo, tables.require(Tables.ACTION_HISTORY));
        this.clock = clock;
    }

    @Override
    public Interaction record(TeamId team, Interaction interaction) {
        String kind = interaction.kind();
        if (kind == null || !KIND.matcher(kind).matches() || "counter".equals(kind)) {
            throw new IllegalArgumentException("Not a kind of interaction: " + kind);
        }
        if (Interaction.ACTION.equals(kind) && interaction.actionId() == null) {
            throw new IllegalArgumentException("An action's run names its action");
        }
        long id = counter.next(team, COUNTER);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String key = Interaction.ACTION.equals(kind) ? runPrefix(interaction.actionId()) + padded(id)
                : kind + "#" + padded(id);
        return view(table.put(team, key, null, item -> {
            item.setCreatedKey(padded(id));
            item.setInteractionId(id);
            item.setKind(kind);
            item.setActionId(interaction.actionId());
            item.setPostId(interaction.postId());
            item.setInputText(interaction.inputText());
            item.setOutputText(interaction.outputText());
            item.setStatus(interaction.status());
            item.setErrorMessage(interaction.errorMessage());
            item.setModel(interaction.model());
            item.setTemperature(interaction.temperature());
            item.setMaxTokens(interaction.maxTokens());
            item.setDurationSeconds(interaction.durationSeconds());
            item.setPromptTokens(interaction.promptTokens());
            item.setCompletionTokens(interaction.completionTokens());
            item.setCreatedAt(now);
        }));
    }

    @Override
    public Page<Interaction> forAction(TeamId team, long actionId, PageRequest page) {
        return byKey.page(team, new PagedQuery.Slice(team.value(), runPrefix(actionId)), page)
                .map(DynamoInteractionStore::view);
    }

    /**
     * Every kind: the {@code by_time} index. An action's runs: the index filtered on the kind (runs of all actions
     * are not one prefix of the table in time order), so such a page may hold fewer than asked while more follow.
     * Any other kind: its own prefix of the table, newest first, whole pages and no filter.
     */
    @Override
    public Page<Interaction> list(TeamId team, String kind, PageRequest page) {
        if (kind == null) {
            return byTime.page(team, PagedQuery.Slice.of(team.value()), page).map(DynamoInteractionStore::view);
        }
        if (Interaction.ACTION.equals(kind)) {
            Expression runs = Expression.builder().expression("kind = :kind")
                    .putExpressionValue(":kind", AttributeValue.fromS(kind)).build();
            return byTime.page(team, List.of(PagedQuery.Slice.of(team.value())), page, runs)
                    .map(DynamoInteractionStore::view);
        }
        if (!KIND.matcher(kind).matches() || "counter".equals(kind)) {
            return Page.last(List.of());
        }
        return byKey.page(team, new PagedQuery.Slice(team.value(), kind + "#"), page)
                .map(DynamoInteractionStore::view);
    }

    @Override
    public void deleteForAction(TeamId team, long actionId) {
        table.deleteAllWithPrefix(team, runPrefix(actionId));
    }

    @Override
    public String name() {
        return "action_history";
    }

    /** Every interaction goes; the counter stays, so an id is never given out twice. */
    @Override
    public void wipe(TeamId team) {
        table.deleteAllExcept(team, COUNTER);
    }

    private static String runPrefix(long actionId) {
        return Interaction.ACTION + "#" + padded(actionId) + "#";
    }

    private static String padded(long id) {
        return String.format("%019d", id);
    }

    private static Interaction view(InteractionItem item) {
        return new Interaction(item.getInteractionId(), item.getKind(), item.getActionId(), item.getPostId(),
                item.getInputText(), item.getOutputText(), item.getStatus(), item.getErrorMessage(), item.getModel(),
                item.getTemperature(), item.getMaxTokens(), item.getDurationSeconds(), item.getPromptTokens(),
                item.getCompletionTokens(), item.getCreatedAt());
    }
}
