package dev.athanor.aws.dynamo;

import java.util.Map;

/** Table configuration for a test that uses a few tables: logical name to physical name, the others unset. */
public record OnlyTables(Map<String, String> tables) implements TableNames {

    public static OnlyTables of(String logicalName, String physicalName) {
        return new OnlyTables(Map.of(logicalName, physicalName));
    }

    @Override
    public String getSettings() {
        return tables.get("settings");
    }

    @Override
    public String getBreakers() {
        return tables.get("breakers");
    }

    @Override
    public String getProviders() {
        return tables.get("providers");
    }

    @Override
    public String getExecutions() {
        return tables.get("executions");
    }

    @Override
    public String getCheckpoints() {
        return tables.get("checkpoints");
    }

    @Override
    public String getExperiences() {
        return tables.get("experiences");
    }

    @Override
    public String getBudgets() {
        return tables.get("budgets");
    }

    @Override
    public String getActivity() {
        return tables.get("activity");
    }

    @Override
    public String getProjects() {
        return tables.get("projects");
    }

    @Override
    public String getAgents() {
        return tables.get("agents");
    }

    @Override
    public String getPromptProjects() {
        return tables.get("prompt_projects");
    }

    @Override
    public String getPromptHistory() {
        return tables.get("prompt_history");
    }

    @Override
    public String getPromptEvaluations() {
        return tables.get("prompt_evaluations");
    }

    @Override
    public String getApiKeys() {
        return tables.get("api_keys");
    }

    @Override
    public String getRateLimits() {
        return tables.get("rate_limits");
    }

    @Override
    public String getAccounts() {
        return tables.get("accounts");
    }

    @Override
    public String getActions() {
        return tables.get("actions");
    }

    @Override
    public String getActionHistory() {
        return tables.get("action_history");
    }

    @Override
    public String getOrchestratorTasks() {
        return tables.get("orchestrator_tasks");
    }

    @Override
    public String getOrchestratorProjects() {
        return tables.get("orchestrator_projects");
    }

    @Override
    public String getAgentConfig() {
        return tables.get("agent_config");
    }

    @Override
    public String getHrm() {
        return tables.get("hrm");
    }

    @Override
    public String getLiveConnections() {
        return tables.get("live_connections");
    }

    @Override
    public String getRag() {
        return tables.get("rag");
    }
}
