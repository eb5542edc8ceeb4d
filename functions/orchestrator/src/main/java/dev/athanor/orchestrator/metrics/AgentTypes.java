package dev.athanor.orchestrator.metrics;

import dev.athanor.orchestrator.routing.AgentType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The agent types (the document's AgentType), in its order. The reports list every one of them, with zeros when it
 * did nothing, so a chart keeps its series; an agent name outside the list (recorded by some other route) follows,
 * alphabetically.
 */
final class AgentTypes {

    static final List<String> KNOWN = AgentType.DOCUMENT_ORDER;

    private AgentTypes() {
    }

    /** The known types and then the others among {@code seen}. */
    static List<String> listed(Collection<String> seen) {
        List<String> names = new ArrayList<>(KNOWN);
        TreeSet<String> others = new TreeSet<>(seen);
        others.removeAll(KNOWN);
        names.addAll(others);
        return names;
    }

    /** Amounts per agent, every known type present, rounded as money. */
    static Map<String, Double> amounts(Map<String, BigDecimal> byAgent) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String agent : listed(byAgent.keySet())) {
            result.put(agent, Figures.money(byAgent.getOrDefault(agent, BigDecimal.ZERO)));
        }
        return result;
    }
}
