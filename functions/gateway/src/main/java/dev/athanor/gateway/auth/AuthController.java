package dev.athanor.gateway.auth;

import dev.athanor.core.auth.accounts.Logins;
import dev.athanor.core.auth.accounts.Registrations;
import dev.athanor.core.auth.session.CsrfExempt;
import dev.athanor.core.auth.session.SessionCookies;
import dev.athanor.core.http.BodyLimit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * API document 001's accounts: {@code /auth/register}, {@code /auth/login}, {@code /auth/refresh}, plus logout and
 * the email-verification link. See docs/accounts.md.
 */
@Requires(beans = {Logins.class, Registrations.class})
@Controller("/auth")
@Tag(name = "Authentication")
public class AuthController {

    private static final long BODY_LIMIT = 16 * 1024;

    private final Logins logins;
    private final Registrations registrations;
    private final SessionCookies cookies;

    AuthController(Logins logins, Registrations registrations, SessionCookies cookies) {
        this.logins = logins;
        this.registrations = registrations;
        this.cookies = cookies;
    }

    @Post("/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @CsrfExempt
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Register an account", description = "200 with the new user's id; 403 when the deployment's "
            + "registration policy does not allow it, 409 when the email is taken, 422 for an invalid field")
    AuthResponses.Registered register(@Nullable @Body AuthRequests.Register request) {
        AuthRequests.Register body = request == null ? AuthRequests.Register.EMPTY : request;
        Registrations.Registered registered = registrations.register(body.email(), body.password(), body.fullName(),
                body.inviteCode());
        return new AuthResponses.Registered("User registered successfully", registered.userId(),
                registered.verificationRequired());
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @CsrfExempt
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Log in with an email and a password", description = "401 for a wrong email or password, "
            + "403 for an unverified email, 429 with Retry-After after repeated failures. With \"session\": true (or "
            + "?session=true) the athanor_session and athanor_csrf cookies are set as well")
    HttpResponse<AuthResponses.LoggedIn> login(HttpRequest<?> http, @Nullable @Body AuthRequests.Login request,
                                                @Nullable @QueryValue("session") Boolean sessionFlag) {
        AuthRequests.Login body = request == null ? AuthRequests.Login.EMPTY : request;
        Logins.Session session = logins.login(body.username(), body.password(), ClientAddress.of(http));
        var account = session.account();
        boolean withCookies = Boolean.TRUE.equals(body.session()) || Boolean.TRUE.equals(sessionFlag);
        MutableHttpResponse<AuthResponses.LoggedIn> response = noStore(HttpResponse.ok(new AuthResponses.LoggedIn(
                session.accessToken(), AuthResponses.BEARER, session.expiresIn(),
                new AuthResponses.User(account.userId(), account.email(), account.role()), session.refreshToken(),
                withCookies ? cookies.csrfToken(session.accessToken()) : null)));
        if (withCookies) {
            response.cookies(new LinkedHashSet<>(cookies.issue(http, session.accessToken(), session.expiresIn())));
        }
        return response;
    }

    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @CsrfExempt
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Exchange a refresh token for a new access token and a new refresh token",
            description = "The token presented stops working; presenting it again revokes every token of its login")
    HttpResponse<AuthResponses.Refreshed> refresh(@Nullable @Body AuthRequests.Refresh request) {
        AuthRequests.Refresh body = request == null ? AuthRequests.Refresh.EMPTY : request;
        Logins.Session session = logins.refresh(body.refreshToken());
        return noStore(HttpResponse.ok(new AuthResponses.Refreshed(session.accessToken(), AuthResponses.BEARER,
                session.expiresIn(), session.refreshToken())));
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Log out", description = "Revokes the login of the refresh_token given (if any) and clears "
            + "the session cookies")
    HttpResponse<AuthResponses.Message> logout(HttpRequest<?> http, @Nullable @Body AuthRequests.Refresh request) {
        AuthRequests.Refresh body = request == null ? AuthRequests.Refresh.EMPTY : request;
        logins.logout(body.refreshToken());
        List<Cookie> cleared = cookies.clear(http);
        return HttpResponse.ok(new AuthResponses.Message("Logged out")).cookies(new LinkedHashSet<>(cleared));
    }

    @Get("/verify")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Verify an email address (the link sent at registration)",
            description = "400 when the link is unknown, used or expired")
    AuthResponses.Verified verify(@Nullable @QueryValue("token") String token) {
        String email = registrations.verify(token);
        return new AuthResponses.Verified("Email verified; you can log in now", email, true);
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        // tokens must not be kept by caches (RFC 6749, 5.1)
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
