package dev.athanor.core.auth;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/** {@code GET /api/auth/me} on every surface: which team and role the caller's token grants. */
@Controller("/api/auth")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Authentication")
public class MeController {

    @Get("/me")
    @Operation(summary = "The team and role the caller's token grants")
    public Map<String, String> me(Authentication authentication) {
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        return Map.of("team_id", principal.team().value(), "role", principal.role());
    }
}
