package dev.athanor.core.auth;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.UnauthorizedException;
import io.micronaut.security.authentication.Authentication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is calling: the team every read and write is scoped to, the role granted, and what the credential stands for.
 *
 * @param subject the credential's subject: the user id of an account, the key id of an API key, the team of a
 *                team token minted with the admin key
 * @param userId  the account behind the call (an account's token or session, or the account that created the API
 *                key), or null
 * @param keyId   the API key the call came with, or null
 */
public record TeamPrincipal(TeamId team, String role, String subject, String userId, String keyId) {

    public static final String TEAM_CLAIM = "team_id";
    public static final String ROLE_CLAIM = "role";
    public static final String USER_CLAIM = "user_id";
    public static final String KEY_CLAIM = "key_id";
    /** Set on the principal of a request that came with no credentials where anonymous callers are let in. */
    public static final String ANONYMOUS_CLAIM = "anonymous";

    public static TeamPrincipal of(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        Object team = attributes.get(TEAM_CLAIM);
        if (team == null) {
            throw new UnauthorizedException("The token carries no team");
        }
        Object role = attributes.get(ROLE_CLAIM);
        return new TeamPrincipal(TeamId.of(team.toString()), role == null ? Roles.MEMBER : role.toString(),
                authentication.getName(), text(attributes.get(USER_CLAIM)), text(attributes.get(KEY_CLAIM)));
    }

    /** A team token's principal: no account and no key behind it. */
    public static TeamPrincipal team(TeamId team, String role) {
        return new TeamPrincipal(team, role, team.value(), null, null);
    }

    /** The authentication (and, for tokens, the claims) this principal is carried in. */
    public Authentication authentication() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(TEAM_CLAIM, team.value());
        attributes.put(ROLE_CLAIM, role);
        if (userId != null) {
            attributes.put(USER_CLAIM, userId);
        }
        if (keyId != null) {
            attributes.put(KEY_CLAIM, keyId);
        }
        return Authentication.build(subject, List.of(role), attributes);
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
