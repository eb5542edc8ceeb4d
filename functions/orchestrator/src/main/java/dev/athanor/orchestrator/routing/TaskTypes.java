package dev.athanor.orchestrator.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task types the document routes by, and where it routes each: an agent, or {@value #ADAPTIVE}. */
public final class TaskTypes {

    /** Routed to the agent with the best recent quality per cost for the type. */
    public static final String ADAPTIVE = "adaptive";
    public static final String SECURITY = "security";

    /** The document's table, in its order. */
    public static final Map<String, String> DOCUMENTED;

    static {
        Map<String, String> table = new LinkedHashMap<>();
        table.put(SECURITY, "claude");
        table.put("architecture", "claude");
        table.put("bulk_analysis", "gemini");
        table.put("github_workflow", "copilot");
        table.put("code_generation", "gemini");
        table.put("debugging", ADAPTIVE);
        DOCUMENTED = java.util.Collections.unmodifiableMap(table);
    }

    private TaskTypes() {
    }

    public static List<String> names() {
        return List.copyOf(DOCUMENTED.keySet());
    }

    public static boolean known(String taskType) {
        return DOCUMENTED.containsKey(taskType);
    }
}
