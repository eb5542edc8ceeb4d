package dev.athanor.core.llm;

import dev.athanor.model.TeamId;

import java.util.Objects;

/** Who is calling a model and on behalf of what, for scoping and for the usage ledger. */
public record CallContext(TeamId team, String surface, String project, String job, String agent) {

    public CallContext {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(surface, "surface");
    }

    public static CallContext of(TeamId team, String surface) {
        return new CallContext(team, surface, null, null, null);
    }
}
