package dev.athanor.core.auth;

import dev.athanor.model.TeamId;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.reader.TokenResolver;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnonymousTeamFetcherTest {

    /** Finds a token only where Micronaut's bearer reader would: {@code Authorization: Bearer ...}. */
    private static final TokenResolver<HttpRequest<?>> BEARER = request -> request.getHeaders()
            .getAuthorization().filter(value -> value.startsWith("Bearer ")).map(value -> value.substring(7));

    private static AnonymousTeamFetcher fetcher(String team, TokenResolver<HttpRequest<?>> tokens) {
        return new AnonymousTeamFetcher(new AuthConfiguration() {
            @Override
            public String getJwtSecret() {
                return null;
            }

            @Override
            public String getJwtSecretArn() {
                return null;
            }

            @Override
            public String getAdminKey() {
                return null;
            }

            @Override
            public Duration getTokenTtl() {
                return Duration.ofHours(1);
            }

            @Override
            public String getAnonymousTeam() {
                return team;
            }
        }, tokens);
    }

    private static List<Authentication> fetch(AnonymousTeamFetcher fetcher, HttpRequest<?> request) {
        return Flux.from(fetcher.fetchAuthentication(request)).collectList().block();
    }

    @Test
    void a_request_without_credentials_is_a_member_of_the_anonymous_team_marked_anonymous() {
        List<Authentication> found = fetch(fetcher("default", BEARER), HttpRequest.GET("/api/auth/me"));

        assertEquals(1, found.size());
        Authentication authentication = found.get(0);
        assertEquals(Map.of("team_id", "default", "role", "member", "anonymous", true), authentication.getAttributes());
        assertEquals(List.of("member"), List.copyOf(authentication.getRoles()));
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        assertEquals(new TeamPrincipal(TeamId.of("default"), "member", "default", null, null), principal);
        assertFalse(principal.isAdmin());
    }

    @Test
    void any_credential_however_bad_makes_it_stand_aside() {
        AnonymousTeamFetcher fetcher = fetcher("default", BEARER);
        List<MutableHttpRequest<?>> withCredentials = List.of(
                HttpRequest.GET("/").header("Authorization", "Bearer forged.token.here"),
                HttpRequest.GET("/").header("Authorization", "Bearer sk-ath-unknown"),
                HttpRequest.GET("/").header("Authorization", "Basic dXNlcjpwYXNz"),
                HttpRequest.GET("/").header("Authorization", ""),
                HttpRequest.GET("/").header("X-API-Key", "sk-ath-unknown"),
                HttpRequest.GET("/").header("x-api-key", ""),
                HttpRequest.GET("/").header("Cookie", "athanor_session=garbage"),
                HttpRequest.GET("/").header("Cookie", "theme=dark; athanor_session="),
                HttpRequest.GET("/").header("Cookie", "theme=dark;ATHANOR_SESSION=x"));
        for (MutableHttpRequest<?> request : withCredentials) {
            assertEquals(List.of(), fetch(fetcher, request), request.getHeaders().asMap().toString());
        }
    }

    @Test
    void a_token_some_other_reader_finds_makes_it_stand_aside() {
        TokenResolver<HttpRequest<?>> fromQuery = request -> request.getParameters().getFirst("access_token");

        assertEquals(List.of(), fetch(fetcher("default", fromQuery), HttpRequest.GET("/v1/models?access_token=x")));
    }

    @Test
    void other_cookies_are_not_credentials() {
        List<Authentication> found = fetch(fetcher("laptop", BEARER),
                HttpRequest.GET("/").header("Cookie", "theme=dark; my_athanor_session_note=1"));

        assertEquals(1, found.size());
        assertEquals("laptop", found.get(0).getAttributes().get("team_id"));
    }

    @Test
    void a_blank_setting_lets_nobody_in() {
        assertEquals(List.of(), fetch(fetcher("  ", BEARER), HttpRequest.GET("/")));
        assertEquals(List.of(), fetch(fetcher(null, BEARER), HttpRequest.GET("/")));
    }

    @Test
    void a_team_id_that_cannot_be_one_stops_start_up() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> fetcher("my team", BEARER));

        assertTrue(refused.getMessage().startsWith("athanor.auth.anonymous-team: team_id must be"), refused.getMessage());
    }

    @Test
    void it_runs_after_every_other_fetcher() {
        assertEquals(Integer.MAX_VALUE, fetcher("default", BEARER).getOrder());
    }
}
