package dev.athanor.core.llm;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;

import java.util.Objects;

/**
 * Who is calling a model and on behalf of what, for scoping, for the limits of the caller's API key and for the
 * usage ledger.
 *
 * @param user   the account the call is made for, or null (a team token, a pipeline step, an anonymous caller)
 * @param apiKey the id of the API key the call came with, or null
 */
public record CallContext(TeamId team, String surface, String project, String job, String agent, String user,
                          String apiKey) {

    public CallContext {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(surface, "surface");
    }

    /** A call on behalf of the team itself, from work that no request is waiting on (a job's step, an evaluation). */
    public CallContext(TeamId team, String surface, String project, String job, String agent) {
        this(team, surface, project, job, agent, null, null);
    }

    public static CallContext of(TeamId team, String surface) {
        return new CallContext(team, surface, null, null, null);
    }

    /** A call a request makes on its caller's behalf: their account and API key come along. */
    public static CallContext of(TeamPrincipal caller, String surface) {
        return new CallContext(caller.team(), surface, null, null, null, caller.userId(), caller.keyId());
    }

    public CallContext withProject(String project) {
        return new CallContext(team, surface, project, job, agent, user, apiKey);
    }

    public CallContext withJob(String job) {
        return new CallContext(team, surface, project, job, agent, user, apiKey);
    }

    public CallContext withAgent(String agent) {
        return new CallContext(team, surface, project, job, agent, user, apiKey);
    }
}
