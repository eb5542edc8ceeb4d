package dev.athanor.core.auth;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/** {@code GET /api/auth/me} on every surface: which team and role the caller's token grants. */
@Controller("/api/auth")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MeController {

    @Get("/me")
    public Map<String, String> me(Authentication authentication) {
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        return Map.of("team_id", principal.team().value(), "role", principal.role());
    }
}
