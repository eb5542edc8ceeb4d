package dev.athanor.core.auth;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets a request that carries no credentials at all act as a {@code member} of the operator's anonymous team
 * ({@code athanor.auth.anonymous-team}), so clients written for APIs that need no authentication (documents 001 and
 * 002 say theirs need none) work unchanged on a laptop. The principal carries the claim
 * {@link TeamPrincipal#ANONYMOUS_CLAIM}; it is never an admin.
 *
 * <p>"No credentials" is decided from the request alone, never from the other fetchers' outcome: micronaut-security's
 * {@code SecurityFilter} subscribes to every fetcher at once ({@code flatMap}) and takes whichever authentication
 * comes first, and its {@code TokenAuthenticationFetcher} answers an invalid, forged or expired token with no
 * authentication rather than an error. Were this fetcher to fill in whenever the others found nobody, a bad token
 * would become the anonymous team. So any {@code Authorization} header (of any scheme, even empty), any
 * {@code X-API-Key} header, any {@code athanor_session} cookie, or any token a configured token reader finds makes
 * this fetcher stand aside, and such a request stays 401 unless its credential is valid.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
@Requires(property = "athanor.auth.anonymous-team")
public final class AnonymousTeamFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final Authentication anonymous;
    private final TokenResolver<HttpRequest<?>> tokens;

    AnonymousTeamFetcher(AuthConfiguration configuration, TokenResolver<HttpRequest<?>> tokens) {
        this.tokens = tokens;
        this.anonymous = authentication(configuration.getAnonymousTeam());
    }

    /** The anonymous caller's authentication for {@code team}, or null when the setting is blank (switched off). */
    static Authentication authentication(String team) {
        if (team == null || team.isBlank()) {
            return null;
        }
        TeamId id;
        try {
            id = TeamId.of(team.strip());
        } catch (InvalidInputException invalid) {
            throw new ConfigurationException("athanor.auth.anonymous-team: " + invalid.getMessage());
        }
        Authentication member = TeamPrincipal.team(id, Roles.MEMBER).authentication();
        Map<String, Object> attributes = new LinkedHashMap<>(member.getAttributes());
        attributes.put(TeamPrincipal.ANONYMOUS_CLAIM, true);
        return Authentication.build(member.getName(), member.getRoles(), attributes);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (anonymous == null || carriesCredentials(request)) {
            return Publishers.empty();
        }
        return Publishers.just(anonymous);
    }

    private boolean carriesCredentials(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        return headers.contains(HttpHeaders.AUTHORIZATION)
                || headers.contains(Credentials.API_KEY_HEADER)
                || hasSessionCookie(request)
                || !tokens.resolveTokens(request).isEmpty();
    }

    /** Read from the raw headers, so a session cookie a parser would drop (an empty value) still counts. */
    private static boolean hasSessionCookie(HttpRequest<?> request) {
        for (String header : request.getHeaders().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                String name = (equals < 0 ? pair : pair.substring(0, equals)).strip();
                if (name.equalsIgnoreCase(Credentials.SESSION_COOKIE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** After every other fetcher, though correctness does not depend on it (see above). */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
