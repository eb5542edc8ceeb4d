package dev.athanor.core.auth;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.UnauthorizedException;
import io.micronaut.security.authentication.Authentication;

/** Who is calling: the team every read and write is scoped to, and the role the token grants. */
public record TeamPrincipal(TeamId team, String role, String subject) {

    public static final String TEAM_CLAIM = "team_id";
    public static final String ROLE_CLAIM = "role";

    public static TeamPrincipal of(Authentication authentication) {
        Object team = authentication.getAttributes().get(TEAM_CLAIM);
        if (team == null) {
            throw new UnauthorizedException("The token carries no team");
        }
        Object role = authentication.getAttributes().get(ROLE_CLAIM);
        return new TeamPrincipal(TeamId.of(team.toString()), role == null ? Roles.MEMBER : role.toString(),
                authentication.getName());
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }
}
