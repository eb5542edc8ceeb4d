package dev.athanor.gateway.auth;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.accounts.Registrations;
import dev.athanor.core.http.BodyLimit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /auth/invites}: a team admin creates a single-use code that registers someone into the team. */
@Requires(beans = Registrations.class)
@Controller("/auth")
@Tag(name = "Authentication")
public class InviteController {

    private final Registrations registrations;

    InviteController(Registrations registrations) {
        this.registrations = registrations;
    }

    @Post("/invites")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @BodyLimit(4 * 1024)
    @Operation(summary = "Create an invite code for the caller's team (admins only)",
            description = "201 with the code (shown once), team_id, role (member unless given) and expires_at; 403 for "
                    + "a caller who is not an admin or when registration is closed")
    HttpResponse<AuthResponses.CreatedInvite> create(Authentication authentication,
                                                     @Nullable @Body AuthRequests.Invite request) {
        AuthRequests.Invite body = request == null ? AuthRequests.Invite.EMPTY : request;
        Registrations.CreatedInvite invite = registrations.createInvite(TeamPrincipal.of(authentication), body.role());
        return HttpResponse.created(new AuthResponses.CreatedInvite(invite.code(), invite.team().value(),
                invite.role(), invite.expiresAt().toString()));
    }
}
