package dev.athanor.orchestrator.routing;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code athanor.orchestrator.*}: the models agents without a connection use, the judge's model, and how much of the
 * project's files a task's context may hold.
 */
@ConfigurationProperties("athanor.orchestrator")
public class OrchestratorAgentsConfiguration {

    private Map<String, String> agentModels = new LinkedHashMap<>();
    private String judgeModel;
    private int contextTokens = 8000;
    private int maxOutputTokens = 4000;

    /** Agent name (claude, gemini...) to the model of the LLM core it uses when the team has no connection for it. */
    public Map<String, String> getAgentModels() {
        return agentModels;
    }

    public void setAgentModels(Map<String, String> agentModels) {
        this.agentModels = agentModels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(agentModels);
    }

    /** The model that scores each iteration; unset: the first model the team's providers list. */
    public String getJudgeModel() {
        return judgeModel;
    }

    public void setJudgeModel(String judgeModel) {
        this.judgeModel = judgeModel;
    }

    /** The budget, in tokens (about 4 characters each), of the stored files added to a task's prompt. */
    public int getContextTokens() {
        return contextTokens;
    }

    public void setContextTokens(int contextTokens) {
        this.contextTokens = contextTokens;
    }

    /** The most an agent may answer in one iteration. */
    public int getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }
}
