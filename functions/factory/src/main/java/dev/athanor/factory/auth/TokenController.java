package dev.athanor.factory.auth;

import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.core.http.BodyLimit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/auth/token}: an admin-key holder mints a token for a team (401 when the key is missing or wrong,
 * 503 when none is configured). The token works on every surface; {@code GET /api/auth/me} reads it back.
 */
@Requires(beans = TokenIssuer.class)
@Controller("/api/auth")
@Tag(name = "Authentication")
public class TokenController {

    private final TokenIssuer issuer;

    TokenController(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Post("/token")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @BodyLimit(4 * 1024)
    @Operation(summary = "Mint a team token with the admin key")
    TokenResponse token(@Nullable @Header("X-Admin-Key") String adminKey, @Nullable @Body TokenRequest request) {
        TokenRequest body = request == null ? new TokenRequest(null, null) : request;
        TokenIssuer.IssuedToken issued = issuer.issueWithAdminKey(adminKey, body.teamOrDefault(), body.roleOrDefault());
        return new TokenResponse(issued.token(), issued.team().value(), issued.role(), issued.expiresInSeconds());
    }
}
