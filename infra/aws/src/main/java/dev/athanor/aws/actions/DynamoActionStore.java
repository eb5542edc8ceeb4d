package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.ActionDraft;
import dev.athanor.model.actions.ActionStore;
import dev.athanor.model.actions.LlmAction;
import dev.athanor.model.actions.PromptTemplate;
import dev.athanor.model.actions.TemplateDraft;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Prompt templates and actions in the {@code actions} table: per team, {@code template#<id>} and {@code action#<id>}
 * items (ids zero-padded, so key order is id order) and a counter item for each kind. Updates are conditional on the
 * version read, so a concurrent change is a conflict rather than lost. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.actions")
public class DynamoActionStore implements ActionStore {

    static final String TEMPLATE = "template#";
    static final String ACTION = "action#";
    static final String TEMPLATE_COUNTER = "counter#templates";
    static final String ACTION_COUNTER = "counter#actions";
    private static final TableDefinition<TemplateItem> TEMPLATES =
            new TableDefinition<>(Tables.ACTIONS.logicalName(), TemplateItem.class);

    private final TeamScopedTable<TemplateItem> templates;
    private final TeamScopedTable<ActionItem> actions;
    private final PagedQuery<ActionItem> actionPages;
    private final AtomicCounter counter;
    private final Clock clock;

    public DynamoActionStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.templates = new TeamScopedTable<>(client, tables, TEMPLATES, TemplateItem::new);
        this.actions = new TeamScopedTable<>(client, tables, Tables.ACTIONS, ActionItem::new);
        this.actionPages = actions.pages(null).consistent();
        this.counter = new AtomicCounter(dynamo, tables.require(Tables.ACTIONS));
        this.clock = clock;
    }

    @Override
    public PromptTemplate createTemplate(TeamId team, TemplateDraft draft) {
        long id = counter.next(team, TEMPLATE_COUNTER);
        Instant now = now();
        return view(templates.put(team, key(TEMPLATE, id), null, item -> fill(item, id, draft, now, now)));
    }

    @Override
    public Optional<PromptTemplate> findTemplate(TeamId team, long id) {
        return templates.get(team, key(TEMPLATE, id)).map(DynamoActionStore::view);
    }

    @Override
    public PromptTemplate updateTemplate(TeamId team, long id, TemplateDraft draft) {
        TemplateItem current = templates.getLatest(team, key(TEMPLATE, id))
                .orElseThrow(() -> new NotFoundException("Prompt template not found"));
        return view(templates.put(team, key(TEMPLATE, id), current.getVersion(),
                item -> fill(item, id, draft, current.getCreatedAt(), now())));
    }

    /** Reads all the team's templates and keeps the field's: a team has few, so no index is kept for this. */
    @Override
    public List<PromptTemplate> templatesFor(TeamId team, String sourceField) {
        return templates.listPrefix(team, TEMPLATE, false).stream()
                .filter(item -> sourceField.equals(item.getSourceField()))
                .map(DynamoActionStore::view)
                .toList();
    }

    @Override
    public LlmAction createAction(TeamId team, ActionDraft draft) {
        long id = counter.next(team, ACTION_COUNTER);
        Instant now = now();
        return view(actions.put(team, key(ACTION, id), null, item -> fill(item, id, draft, now, now)));
    }

    @Override
    public Optional<LlmAction> findAction(TeamId team, long id) {
        return actions.get(team, key(ACTION, id)).map(DynamoActionStore::view);
    }

    @Override
    public Page<LlmAction> actions(TeamId team, PageRequest page) {
        return actionPages.page(team, new PagedQuery.Slice(team.value(), ACTION), page).map(DynamoActionStore::view);
    }

    @Override
    public LlmAction updateAction(TeamId team, long id, ActionDraft draft) {
        ActionItem current = actions.getLatest(team, key(ACTION, id))
                .orElseThrow(() -> new NotFoundException("Action not found"));
        return view(actions.put(team, key(ACTION, id), current.getVersion(),
                item -> fill(item, id, draft, current.getCreatedAt(), now())));
    }

    @Override
    public boolean deleteAction(TeamId team, long id) {
        return actions.delete(team, key(ACTION, id));
    }

    @Override
    public String name() {
        return "actions";
    }

    /** Templates and actions go; the counters stay, so an id is never given to a second template or action. */
    @Override
    public void wipe(TeamId team) {
        templates.deleteAllWithPrefix(team, TEMPLATE);
        actions.deleteAllWithPrefix(team, ACTION);
    }

    static String key(String prefix, long id) {
        return prefix + String.format("%019d", id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void fill(TemplateItem item, long id, TemplateDraft draft, Instant createdAt, Instant updatedAt) {
        item.setTemplateId(id);
        item.setName(draft.name());
        item.setSourceField(draft.sourceField());
        item.setTemplate(draft.template());
        item.setLlmModel(draft.llmModel());
        item.setTemperature(draft.temperature());
        item.setMaxTokens(draft.maxTokens());
        item.setCreatedAt(createdAt);
        item.setUpdatedAt(updatedAt);
    }

    private static void fill(ActionItem item, long id, ActionDraft draft, Instant createdAt, Instant updatedAt) {
        item.setActionId(id);
        item.setFieldName(draft.fieldName());
        item.setPromptTemplateId(draft.promptTemplateId());
        item.setLlmModel(draft.llmModel());
        item.setTemperature(draft.temperature());
        item.setMaxTokens(draft.maxTokens());
        item.setCreatedAt(createdAt);
        item.setUpdatedAt(updatedAt);
    }

    private static PromptTemplate view(TemplateItem item) {
        return new PromptTemplate(item.getTemplateId(), item.getName(), item.getSourceField(), item.getTemplate(),
                item.getLlmModel(), item.getTemperature(), item.getMaxTokens(), item.getCreatedAt(),
                item.getUpdatedAt());
    }

    private static LlmAction view(ActionItem item) {
        return new LlmAction(item.getActionId(), item.getFieldName(), item.getPromptTemplateId(), item.getLlmModel(),
                item.getTemperature(), item.getMaxTokens(), item.getCreatedAt(), item.getUpdatedAt());
    }
}
