package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromotionAudit;
import dev.athanor.model.promptlab.PromotionAuditLog;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.UUID;

/**
 * The promotion audit log, items {@code gitaudit#<epoch millis, 13 digits>#<random>} of the {@code prompt_projects} table:
 * time-ordered keys, so a page is one Query read newest first (a project's lines through a filter on
 * {@code project_id}). Lines are never changed and stay when their project is deleted; a team wipe removes them.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-projects")
public class DynamoPromotionAuditLog implements PromotionAuditLog, TeamData {

    static final String AUDIT = "gitaudit#";

    private final GitStateTable state;
    private final PagedQuery<GitStateItem> lines;

    public DynamoPromotionAuditLog(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.state = new GitStateTable(client, names, json);
        this.lines = state.table.pages(null).newestFirst().consistent();
    }

    @Override
    public void append(TeamId team, PromotionAudit line) {
        String id = AUDIT + String.format("%013d", line.at().toEpochMilli()) + "#" + UUID.randomUUID().toString().substring(0, 8);
        state.put(team, id, line.projectId(), line);
    }

    @Override
    public Page<PromotionAudit> list(TeamId team, @Nullable Long projectId, PageRequest page) {
        Expression filter = projectId == null ? null : Expression.builder().expression("project_id = :p")
                .putExpressionValue(":p", AttributeValue.fromN(Long.toString(projectId))).build();
        return lines.page(team, List.of(new PagedQuery.Slice(team.value(), AUDIT)), page, filter)
                .map(item -> state.read(item, PromotionAudit.class));
    }

    @Override
    public String name() {
        return "prompt_promotion_audit";
    }

    @Override
    public void wipe(TeamId team) {
        state.table.deleteAllWithPrefix(team, AUDIT);
    }
}
