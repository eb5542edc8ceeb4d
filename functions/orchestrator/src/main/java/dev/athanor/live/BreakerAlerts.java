package dev.athanor.live;

import dev.athanor.core.llm.BreakerListener;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.CircuitState;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code system_alert} to the team's clients when a breaker of its agents or providers opens ({@code warning}) or
 * closes again ({@code success}). Every instance that sees the same change reports it under the same event id.
 */
@Singleton
class BreakerAlerts implements BreakerListener {

    static final String AGENT_PREFIX = "agent:";

    private final LiveEvents live;

    BreakerAlerts(LiveEvents live) {
        this.live = live;
    }

    @Override
    public void changed(TeamId team, String breaker, CircuitState from, CircuitState to, Instant at) {
        boolean agent = breaker.startsWith(AGENT_PREFIX);
        String name = agent ? breaker.substring(AGENT_PREFIX.length()) : breaker;
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("message", "Circuit breaker " + to.name() + " for " + (agent ? "agent" : "provider") + " '" + name
                + "'");
        alert.put("severity", to == CircuitState.OPEN ? "warning" : "success");
        alert.put("breaker", breaker);
        alert.put("state", to.name().toLowerCase(Locale.ROOT));
        live.about(team, null, null, "breaker/" + breaker + "/" + to + "/" + at.toEpochMilli())
                .add("system_alert", alert).publishQuietly();
    }
}
