package dev.athanor.orchestrator.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The agents the document names (its AgentType), by their wire names. */
public enum AgentType {
    // declared in the fallback order
    CLAUDE, GEMINI, COPILOT, OPENAI, ANTHROPIC, GOOGLE, CURSOR, WINDSURF;

    /** The order fallbacks are tried in, after the agent routing chose. */
    static final List<AgentType> FALLBACK_ORDER = List.of(values());
    /** The wire names in the document's order (its AgentType), as reports list them. */
    public static final List<String> DOCUMENT_ORDER = List.of(CLAUDE, GEMINI, COPILOT, CURSOR, WINDSURF, OPENAI,
            ANTHROPIC, GOOGLE).stream().map(AgentType::wireName).toList();

    /** What the models of this agent's vendor are named after. */
    String family() {
        return switch (this) {
            case ANTHROPIC -> "claude";
            case GOOGLE -> "gemini";
            case OPENAI, COPILOT -> "gpt";
            default -> wireName();
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(AgentType::wireName).toList();
    }

    /**
     * The agent a connection serves: its agent id is the agent's name alone, or the name followed by {@code _},
     * {@code -} or {@code .} and anything ({@code claude_main}, {@code gemini-review}); any other id serves none.
     */
    public static Optional<AgentType> ofConnection(String agentId) {
        String id = agentId.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> id.equals(t.wireName())
                || (id.startsWith(t.wireName()) && "_-.".indexOf(id.charAt(t.wireName().length())) >= 0)).findFirst();
    }
}
