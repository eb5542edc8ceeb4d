package dev.athanor.aws.dynamo;

import dev.athanor.aws.accounts.AccountItem;
import dev.athanor.aws.actions.ActionItem;
import dev.athanor.aws.actions.InteractionItem;
import dev.athanor.aws.activity.ActivityItem;
import dev.athanor.aws.breakers.BreakerItem;
import dev.athanor.aws.hitl.ExperienceItem;
import dev.athanor.aws.keys.ApiKeyItem;
import dev.athanor.aws.live.LiveConnectionItem;
import dev.athanor.aws.keys.RateLimitItem;
import dev.athanor.aws.orchestrator.TaskItem;
import dev.athanor.aws.orchestrator.OrchestratorProjectItem;
import dev.athanor.aws.orchestrator.AgentConnectionItem;
import dev.athanor.aws.orchestrator.HrmConfigItem;
import dev.athanor.aws.pipeline.CheckpointItem;
import dev.athanor.aws.pipeline.ExecutionItem;
import dev.athanor.aws.budget.BudgetItem;
import dev.athanor.aws.agents.AgentItem;
import dev.athanor.aws.breakers.BreakerItem;
import dev.athanor.aws.projects.ProjectItem;
import dev.athanor.aws.promptlab.EvaluationItem;
import dev.athanor.aws.promptlab.PromptHistoryItem;
import dev.athanor.aws.promptlab.PromptProjectItem;
import dev.athanor.aws.providers.ProviderItem;
import dev.athanor.aws.settings.SettingsItem;
import dev.athanor.aws.rag.RagItem;

import java.util.List;

/** Every DynamoDB table the code knows; the template consistency test checks each against template.yaml. */
public final class Tables {

    public static final TableDefinition<SettingsItem> SETTINGS = new TableDefinition<>("settings", SettingsItem.class);

    public static final TableDefinition<BreakerItem> BREAKERS = new TableDefinition<>("breakers", BreakerItem.class);

    public static final TableDefinition<ProviderItem> PROVIDERS = new TableDefinition<>("providers", ProviderItem.class);

    public static final TableDefinition<ExecutionItem> EXECUTIONS =
            new TableDefinition<>("executions", ExecutionItem.class);

    public static final TableDefinition<CheckpointItem> CHECKPOINTS =
            new TableDefinition<>("checkpoints", CheckpointItem.class);

    public static final TableDefinition<ExperienceItem> EXPERIENCES =
            new TableDefinition<>("experiences", ExperienceItem.class);

    public static final TableDefinition<BudgetItem> BUDGETS = new TableDefinition<>("budgets", BudgetItem.class);

    public static final TableDefinition<ActivityItem> ACTIVITY = new TableDefinition<>("activity", ActivityItem.class);

    public static final TableDefinition<ProjectItem> PROJECTS = new TableDefinition<>("projects", ProjectItem.class);

    public static final TableDefinition<AgentItem> AGENTS = new TableDefinition<>("agents", AgentItem.class);

    public static final TableDefinition<PromptProjectItem> PROMPT_PROJECTS =
            new TableDefinition<>("prompt_projects", PromptProjectItem.class);

    public static final TableDefinition<PromptHistoryItem> PROMPT_HISTORY =
            new TableDefinition<>("prompt_history", PromptHistoryItem.class);

    public static final TableDefinition<EvaluationItem> PROMPT_EVALUATIONS =
            new TableDefinition<>("prompt_evaluations", EvaluationItem.class);

    public static final TableDefinition<ApiKeyItem> API_KEYS = new TableDefinition<>("api_keys", ApiKeyItem.class);

    public static final TableDefinition<RateLimitItem> RATE_LIMITS =
            new TableDefinition<>("rate_limits", RateLimitItem.class);

    /** Accounts, refresh tokens, invites, verification tokens and login-failure counters, keyed by {@code pk}. */
    public static final TableDefinition<AccountItem> ACCOUNTS = new TableDefinition<>("accounts", AccountItem.class);

    /** The actions surface's prompt templates, actions, posts, section pointers and id counters. */
    public static final TableDefinition<ActionItem> ACTIONS = new TableDefinition<>("actions", ActionItem.class);

    /** Every model interaction of the actions surface, with its id counter. */
    public static final TableDefinition<InteractionItem> ACTION_HISTORY =
            new TableDefinition<>("action_history", InteractionItem.class);

    /** The orchestrator's tasks. */
    public static final TableDefinition<TaskItem> ORCHESTRATOR_TASKS =
            new TableDefinition<>("orchestrator_tasks", TaskItem.class);
    /** The orchestrator's projects and the slot claims that keep a team to three of them. */
    public static final TableDefinition<OrchestratorProjectItem> ORCHESTRATOR_PROJECTS =
            new TableDefinition<>("orchestrator_projects", OrchestratorProjectItem.class);
    /** The orchestrator's agent connections and the index of its agent configuration files. */
    public static final TableDefinition<AgentConnectionItem> AGENT_CONFIG =
            new TableDefinition<>("agent_config", AgentConnectionItem.class);
    /** The orchestrator's HRM configs (per project and task), their history, presets and preset usage counters. */
    public static final TableDefinition<HrmConfigItem> HRM = new TableDefinition<>("hrm", HrmConfigItem.class);

    /** Clients connected to the orchestrator's live events socket, and the channels they listen on. */
    public static final TableDefinition<LiveConnectionItem> LIVE_CONNECTIONS =
            new TableDefinition<>("live_connections", LiveConnectionItem.class);

    /** Retrieval's documents and chunks with their embeddings, per team and namespace. */
    public static final TableDefinition<RagItem> RAG = new TableDefinition<>("rag", RagItem.class);

    public static final List<TableDefinition<?>> ALL = List.of(SETTINGS, BREAKERS, PROVIDERS, EXECUTIONS, CHECKPOINTS,
            EXPERIENCES, BUDGETS, ACTIVITY, PROJECTS, AGENTS,
            PROMPT_PROJECTS, PROMPT_HISTORY, PROMPT_EVALUATIONS, API_KEYS, RATE_LIMITS, ACCOUNTS,
            ACTIONS, ACTION_HISTORY, ORCHESTRATOR_TASKS, ORCHESTRATOR_PROJECTS, AGENT_CONFIG, HRM,
            LIVE_CONNECTIONS, RAG);

    private Tables() {
    }
}
