package dev.athanor.git.host;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.LimitExceededException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.NewPullRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every host's refusals and failures, as each host words them, mapped to the domain's exceptions by opening a pull
 * request against plain stubs. No message may carry the token, even where the host echoes it.
 */
class HostErrorMappingTest {

    @RegisterExtension
    static final WireMockExtension HOST = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String TOKEN = "tok_S3CRET0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long NOW = Hosts.CLOCK.instant().getEpochSecond();
    private static final String GITHUB_DOCS = "\"documentation_url\":\"https://docs.github.com/rest\"";
    private static final String GITEA_URL = "\"url\":\"https://gitea.example.com/api/swagger\"";
    private static final String HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    /** One host answer and what it must become. */
    record Case(GitPlatform platform, int status, Map<String, String> headers, String body,
                Class<? extends DomainException> expected, String message) {

        @Override
        public String toString() {
            return platform.wireName() + " " + status + " -> " + expected.getSimpleName();
        }
    }

    static Stream<Case> answers() {
        GitPlatform gh = GitPlatform.GITHUB;
        GitPlatform gl = GitPlatform.GITLAB;
        GitPlatform gt = GitPlatform.GITEA;
        Map<String, String> none = Map.of();
        return Stream.of(
                new Case(gh, 401, none, "{\"message\":\"Bad credentials\"," + GITHUB_DOCS + ",\"status\":\"401\"}",
                        UnauthorizedException.class, "GitHub refused the access token: Bad credentials"),
                new Case(gh, 403, none, "{\"message\":\"Resource not accessible by personal access token\","
                        + GITHUB_DOCS + ",\"status\":\"403\"}", ForbiddenException.class,
                        "GitHub refused access to repository acme/prompts: "
                                + "Resource not accessible by personal access token"),
                new Case(gh, 403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(NOW + 120)),
                        "{\"message\":\"API rate limit exceeded for user ID 1.\"," + GITHUB_DOCS + "}",
                        LimitExceededException.class,
                        "GitHub rate limit reached: API rate limit exceeded for user ID 1."),
                new Case(gh, 404, none, "{\"message\":\"Not Found\"," + GITHUB_DOCS + ",\"status\":\"404\"}",
                        NotFoundException.class, "GitHub has no repository acme/prompts, or the token cannot see it"),
                new Case(gh, 409, none, "{\"message\":\"Repository rule violations found\"," + GITHUB_DOCS + "}",
                        ConflictException.class,
                        "GitHub refused the request on repository acme/prompts: Repository rule violations found"),
                new Case(gh, 422, none, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
                        + "\"code\":\"custom\",\"message\":\"A pull request already exists for acme:feature.\"}],"
                        + GITHUB_DOCS + ",\"status\":\"422\"}", ConflictException.class,
                        "GitHub refused the request on repository acme/prompts: Validation Failed: "
                                + "A pull request already exists for acme:feature."),
                new Case(gh, 422, none, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
                        + "\"field\":\"base\",\"code\":\"invalid\"}]," + GITHUB_DOCS + ",\"status\":\"422\"}",
                        InvalidInputException.class,
                        "GitHub refused the request on repository acme/prompts (422): Validation Failed: base invalid"),
                new Case(gh, 429, Map.of("retry-after", "30"), "{\"message\":\"You have exceeded a secondary rate "
                        + "limit.\"," + GITHUB_DOCS + "}", LimitExceededException.class,
                        "GitHub rate limit reached: You have exceeded a secondary rate limit."),
                new Case(gh, 500, none, "{\"message\":\"Server Error\"}", UpstreamException.class,
                        "GitHub answered 500: Server Error"),
                new Case(gh, 503, none, HTML, UpstreamException.class, "GitHub answered 503"),
                new Case(gh, 400, none, "{\"message\":\"Problems parsing token " + TOKEN + "\"," + GITHUB_DOCS + "}",
                        InvalidInputException.class,
                        "GitHub refused the request on repository acme/prompts (400): Problems parsing token ***"),

                new Case(gl, 401, none, "{\"message\":\"401 Unauthorized\"}", UnauthorizedException.class,
                        "GitLab refused the access token: 401 Unauthorized"),
                new Case(gl, 403, none, "{\"error\":\"insufficient_scope\",\"error_description\":\"The request "
                        + "requires higher privileges than provided by the access token.\",\"scope\":\"api\"}",
                        ForbiddenException.class, "GitLab refused access to repository acme/prompts: The request "
                        + "requires higher privileges than provided by the access token."),
                new Case(gl, 404, none, "{\"message\":\"404 Project Not Found\"}", NotFoundException.class,
                        "GitLab has no repository acme/prompts, or the token cannot see it"),
                new Case(gl, 409, none, "{\"message\":[\"Another open merge request already exists for this source "
                        + "branch: !3\"]}", ConflictException.class, "GitLab refused the request on repository "
                        + "acme/prompts: Another open merge request already exists for this source branch: !3"),
                new Case(gl, 422, none, "{\"message\":[\"Source project is not a fork of the target project\"]}",
                        InvalidInputException.class, "GitLab refused the request on repository acme/prompts (422): "
                        + "Source project is not a fork of the target project"),
                new Case(gl, 400, none, "{\"message\":{\"title\":[\"is too long (maximum is 255 characters)\"]}}",
                        InvalidInputException.class, "GitLab refused the request on repository acme/prompts (400): "
                        + "title is too long (maximum is 255 characters)"),
                new Case(gl, 429, Map.of("RateLimit-Reset", String.valueOf(NOW + 45)), "Retry later",
                        LimitExceededException.class, "GitLab rate limit reached: Retry later"),
                new Case(gl, 500, none, "{\"message\":\"500 Internal Server Error\"}", UpstreamException.class,
                        "GitLab answered 500: 500 Internal Server Error"),
                new Case(gl, 503, none, HTML, UpstreamException.class, "GitLab answered 503"),
                new Case(gl, 400, none, "{\"error\":\"token " + TOKEN + " is not valid here\"}",
                        InvalidInputException.class,
                        "GitLab refused the request on repository acme/prompts (400): token *** is not valid here"),

                new Case(gt, 401, none, "{\"message\":\"token is required\"," + GITEA_URL + "}",
                        UnauthorizedException.class, "Gitea refused the access token: token is required"),
                new Case(gt, 403, none, "{\"message\":\"token does not have at least one of required scope(s): "
                        + "[write:repository]\"," + GITEA_URL + "}", ForbiddenException.class,
                        "Gitea refused access to repository acme/prompts: token does not have at least one of "
                                + "required scope(s): [write:repository]"),
                new Case(gt, 404, none, "{\"errors\":null,\"message\":\"The target couldn't be found.\","
                        + GITEA_URL + "}", NotFoundException.class,
                        "Gitea has no repository acme/prompts, or the token cannot see it"),
                new Case(gt, 409, none, "{\"message\":\"pull request already exists for these targets [id: 4, "
                        + "issue_id: 2, head_repo_id: 1, base_repo_id: 1, head_branch: feature, base_branch: main]\","
                        + GITEA_URL + "}", ConflictException.class, "Gitea refused the request on repository "
                        + "acme/prompts: pull request already exists for these targets [id: 4, issue_id: 2, "
                        + "head_repo_id: 1, base_repo_id: 1, head_branch: feature, base_branch: main]"),
                new Case(gt, 422, none, "{\"message\":\"Invalid PullRequest: There are no changes between the head "
                        + "and the base\"," + GITEA_URL + "}", InvalidInputException.class, "Gitea refused the "
                        + "request on repository acme/prompts (422): Invalid PullRequest: There are no changes between "
                        + "the head and the base"),
                new Case(gt, 429, none, "", LimitExceededException.class, "Gitea rate limit reached"),
                new Case(gt, 500, none, "{\"message\":\"\"," + GITEA_URL + "}", UpstreamException.class,
                        "Gitea answered 500"),
                new Case(gt, 502, none, HTML, UpstreamException.class, "Gitea answered 502"),
                new Case(gt, 400, none, "{\"message\":\"invalid token " + TOKEN + "\"," + GITEA_URL + "}",
                        InvalidInputException.class,
                        "Gitea refused the request on repository acme/prompts (400): invalid token ***"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void host_answers_map_to_the_domains_exceptions(Case answer) {
        ResponseDefinitionBuilder response = aResponse().withStatus(answer.status()).withBody(answer.body());
        answer.headers().forEach(response::withHeader);
        HOST.stubFor(post(urlEqualTo(pullsPath(answer.platform()))).willReturn(response));

        DomainException thrown = assertThrows(DomainException.class, () -> open(answer.platform()));

        assertInstanceOf(answer.expected(), thrown);
        assertEquals(answer.message(), thrown.getMessage());
        assertFalse(thrown.getMessage().contains(TOKEN));
    }

    @Test
    void rate_limits_say_when_they_reset() {
        HOST.stubFor(post(urlEqualTo(pullsPath(GitPlatform.GITHUB))).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", String.valueOf(NOW + 120))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));
        HOST.stubFor(post(urlEqualTo(pullsPath(GitPlatform.GITLAB))).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30").withBody("Retry later")));
        HOST.stubFor(post(urlEqualTo(pullsPath(GitPlatform.GITEA))).willReturn(aResponse().withStatus(429)));

        HostRateLimitException github = assertThrows(HostRateLimitException.class, () -> open(GitPlatform.GITHUB));
        HostRateLimitException gitlab = assertThrows(HostRateLimitException.class, () -> open(GitPlatform.GITLAB));
        HostRateLimitException gitea = assertThrows(HostRateLimitException.class, () -> open(GitPlatform.GITEA));

        assertEquals(120, github.retryAfterSeconds());
        assertEquals(30, gitlab.retryAfterSeconds());
        assertEquals(60, gitea.retryAfterSeconds());
        assertFalse(github.quota());
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void a_host_that_does_not_answer_in_time_is_an_upstream_failure(GitPlatform platform) {
        HOST.stubFor(post(urlEqualTo(pullsPath(platform)))
                .willReturn(aResponse().withStatus(201).withFixedDelay(4_000).withBody("{}")));

        UpstreamException thrown = assertThrows(UpstreamException.class, () -> open(platform));

        assertEquals(platform.displayName() + " did not answer within 1 s", thrown.getMessage());
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void a_host_that_cannot_be_reached_is_an_upstream_failure(GitPlatform platform) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        GitHosts hosts = Hosts.reaching(nowhere, nowhere, TIMEOUT);

        UpstreamException thrown = assertThrows(UpstreamException.class,
                () -> hosts.open(credentials(platform, nowhere), repo(), request()));

        assertEquals(platform.displayName() + " could not be reached at 127.0.0.1", thrown.getMessage());
    }

    /** The token must not travel to wherever a Location points. */
    @ParameterizedTest
    @MethodSource("platforms")
    void redirects_are_not_followed(GitPlatform platform) {
        HOST.stubFor(post(urlEqualTo(pullsPath(platform))).willReturn(aResponse().withStatus(301)
                .withHeader("Location", HOST.baseUrl() + "/elsewhere")));

        InvalidInputException thrown = assertThrows(InvalidInputException.class, () -> open(platform));

        assertTrue(thrown.getMessage().startsWith(platform.displayName() + " answered 301 with a redirect for "
                + "repository acme/prompts, which is not followed"), thrown.getMessage());
        HOST.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
        HOST.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void long_host_messages_are_cut_to_200_characters() {
        HOST.stubFor(post(urlEqualTo(pullsPath(GitPlatform.GITEA))).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"" + "x".repeat(500) + "\"}")));

        InvalidInputException thrown = assertThrows(InvalidInputException.class, () -> open(GitPlatform.GITEA));

        String hostWords = thrown.getMessage().substring(thrown.getMessage().indexOf(": ") + 2);
        assertEquals("x".repeat(197) + "...", hostWords);
    }

    @Test
    void a_success_without_json_is_an_upstream_failure() {
        HOST.stubFor(post(urlEqualTo(pullsPath(GitPlatform.GITHUB))).willReturn(aResponse().withStatus(201)
                .withBody("<html>sign in</html>")));

        UpstreamException thrown = assertThrows(UpstreamException.class, () -> open(GitPlatform.GITHUB));

        assertEquals("GitHub answered 201 with a body that is not a JSON object", thrown.getMessage());
    }

    static List<GitPlatform> platforms() {
        return List.of(GitPlatform.values());
    }

    private static void open(GitPlatform platform) {
        Hosts.reaching(HOST.baseUrl(), HOST.baseUrl(), TIMEOUT)
                .open(credentials(platform, HOST.baseUrl()), repo(), request());
    }

    private static GitCredentials credentials(GitPlatform platform, String url) {
        return new GitCredentials(platform, "alice", TOKEN, platform == GitPlatform.GITEA ? url : null);
    }

    private static GitRepo repo() {
        return GitRepo.parse("https://git.example.com/acme/prompts").orElseThrow();
    }

    private static NewPullRequest request() {
        return new NewPullRequest("feature", "main", "Promote", "body");
    }

    private static String pullsPath(GitPlatform platform) {
        return switch (platform) {
            case GITHUB -> "/repos/acme/prompts/pulls";
            case GITLAB -> "/api/v4/projects/acme%2Fprompts/merge_requests";
            case GITEA -> "/api/v1/repos/acme/prompts/pulls";
        };
    }
}
