package dev.athanor.aws.dynamo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Physical DynamoDB table names, keyed by the logical names in {@link Tables}. Each function is given only the
 * tables it uses (template.yaml sets {@code ATHANOR_DYNAMODB_TABLES_<LOGICAL>}), so a table a function has no
 * permission for is not configured either.
 */
@ConfigurationProperties("athanor.dynamodb.tables")
public interface TableNames {

    @Nullable
    String getSettings();

    @Nullable
    String getBreakers();

    @Nullable
    String getProviders();

    @Nullable
    String getExecutions();

    @Nullable
    String getCheckpoints();

    @Nullable
    String getExperiences();

    @Nullable
    String getBudgets();

    @Nullable
    String getActivity();

    @Nullable
    String getProjects();

    @Nullable
    String getAgents();

    @Nullable
    String getPromptProjects();

    @Nullable
    String getPromptHistory();

    @Nullable
    String getPromptEvaluations();

    @Nullable
    String getApiKeys();

    @Nullable
    String getRateLimits();

    @Nullable
    String getAccounts();

    @Nullable
    String getActions();

    @Nullable
    String getActionHistory();

    @Nullable
    String getOrchestratorTasks();

    @Nullable
    String getOrchestratorProjects();

    @Nullable
    String getAgentConfig();

    @Nullable
    String getHrm();

    @Nullable
    String getLiveConnections();

    @Nullable
    String getRag();

    /** Every configured table, logical name to physical name. */
    default Map<String, String> configured() {
        Map<String, String> names = new LinkedHashMap<>();
        if (getSettings() != null && !getSettings().isBlank()) {
            names.put(Tables.SETTINGS.logicalName(), getSettings());
        }
        if (getBreakers() != null && !getBreakers().isBlank()) {
            names.put(Tables.BREAKERS.logicalName(), getBreakers());
        }
        if (getProviders() != null && !getProviders().isBlank()) {
            names.put(Tables.PROVIDERS.logicalName(), getProviders());
        }
        if (getExecutions() != null && !getExecutions().isBlank()) {
            names.put(Tables.EXECUTIONS.logicalName(), getExecutions());
        }
        if (getCheckpoints() != null && !getCheckpoints().isBlank()) {
            names.put(Tables.CHECKPOINTS.logicalName(), getCheckpoints());
        }
        if (getExperiences() != null && !getExperiences().isBlank()) {
            names.put(Tables.EXPERIENCES.logicalName(), getExperiences());
        }
        if (getBudgets() != null && !getBudgets().isBlank()) {
            names.put(Tables.BUDGETS.logicalName(), getBudgets());
        }
        if (getActivity() != null && !getActivity().isBlank()) {
            names.put(Tables.ACTIVITY.logicalName(), getActivity());
        }
        if (getProjects() != null && !getProjects().isBlank()) {
            names.put(Tables.PROJECTS.logicalName(), getProjects());
        }
        if (getAgents() != null && !getAgents().isBlank()) {
            names.put(Tables.AGENTS.logicalName(), getAgents());
        }
        if (getPromptProjects() != null && !getPromptProjects().isBlank()) {
            names.put(Tables.PROMPT_PROJECTS.logicalName(), getPromptProjects());
        }
        if (getPromptHistory() != null && !getPromptHistory().isBlank()) {
            names.put(Tables.PROMPT_HISTORY.logicalName(), getPromptHistory());
        }
        if (getPromptEvaluations() != null && !getPromptEvaluations().isBlank()) {
            names.put(Tables.PROMPT_EVALUATIONS.logicalName(), getPromptEvaluations());
        }
        if (getApiKeys() != null && !getApiKeys().isBlank()) {
            names.put(Tables.API_KEYS.logicalName(), getApiKeys());
        }
        if (getRateLimits() != null && !getRateLimits().isBlank()) {
            names.put(Tables.RATE_LIMITS.logicalName(), getRateLimits());
        }
        if (getAccounts() != null && !getAccounts().isBlank()) {
            names.put(Tables.ACCOUNTS.logicalName(), getAccounts());
        }
        if (getActions() != null && !getActions().isBlank()) {
            names.put(Tables.ACTIONS.logicalName(), getActions());
        }
        if (getActionHistory() != null && !getActionHistory().isBlank()) {
            names.put(Tables.ACTION_HISTORY.logicalName(), getActionHistory());
        }
        if (getOrchestratorTasks() != null && !getOrchestratorTasks().isBlank()) {
            names.put(Tables.ORCHESTRATOR_TASKS.logicalName(), getOrchestratorTasks());
        }
        if (getOrchestratorProjects() != null && !getOrchestratorProjects().isBlank()) {
            names.put(Tables.ORCHESTRATOR_PROJECTS.logicalName(), getOrchestratorProjects());
        }
        if (getAgentConfig() != null && !getAgentConfig().isBlank()) {
            names.put(Tables.AGENT_CONFIG.logicalName(), getAgentConfig());
        }
        if (getHrm() != null && !getHrm().isBlank()) {
            names.put(Tables.HRM.logicalName(), getHrm());
        }
        if (getLiveConnections() != null && !getLiveConnections().isBlank()) {
            names.put(Tables.LIVE_CONNECTIONS.logicalName(), getLiveConnections());
        }
        if (getRag() != null && !getRag().isBlank()) {
            names.put(Tables.RAG.logicalName(), getRag());
        }
        return names;
    }

    /** The physical name of a table this function needs; fails with the missing setting's name otherwise. */
    default String require(TableDefinition<?> table) {
        String name = configured().get(table.logicalName());
        if (name == null) {
            throw new IllegalStateException("DynamoDB table '" + table.logicalName() + "' is not configured: set "
                    + "athanor.dynamodb.tables." + table.logicalName() + " (env " + table.environmentVariable() + ")");
        }
        return name;
    }
}
