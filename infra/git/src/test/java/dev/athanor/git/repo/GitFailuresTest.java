package dev.athanor.git.repo;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitRepo;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** jgit's transport failures, as GitHub, GitLab and Gitea make it report them, read as the domain's exceptions. */
class GitFailuresTest {

    private static final String TOKEN = "ghp_TokenThatMustNotShow";
    private static final GitRepo REPO = GitRepo.parse("https://git.example.com:4013/acme/prompts").orElseThrow();
    private final GitFailures failures = new GitFailures(REPO, TOKEN, Duration.ofSeconds(20));

    @Test
    void statuses_are_read_from_the_message_and_never_from_the_url() throws URISyntaxException {
        URIish uri = new URIish(REPO.cloneUrl());

        assertInstanceOf(UnauthorizedException.class, failures.remote(new TransportException(uri, "not authorized")));
        assertInstanceOf(ForbiddenException.class,
                failures.remote(new TransportException(uri, "git-receive-pack not permitted on '" + uri + "'")));
        assertInstanceOf(NotFoundException.class,
                failures.remote(new NoRemoteRepositoryException(uri, "repository not found")));
        // the port holds 401, 403 and 404 when read as text; the status is a 502
        DomainException badGateway = failures.remote(new TransportException(
                new URIish("https://git.example.com:40140/a/401/403/404.git"), "502 Bad Gateway"));
        assertInstanceOf(UpstreamException.class, badGateway);
        assertEquals("The Git host at https://git.example.com:4013 failed:"
                + " https://git.example.com:40140/a/401/403/404.git: 502 Bad Gateway", badGateway.getMessage());
    }

    @Test
    void a_read_that_timed_out_is_upstream_with_the_configured_deadline() throws URISyntaxException {
        DomainException slow = failures.remote(new TransportException(new URIish(REPO.cloneUrl()),
                "cannot open git-upload-pack", new SocketTimeoutException("Read timed out")));

        assertInstanceOf(UpstreamException.class, slow);
        assertEquals("The Git host at https://git.example.com:4013 did not answer within 20s", slow.getMessage());
    }

    @Test
    void a_message_holding_the_token_is_scrubbed_and_not_kept_as_cause() throws URISyntaxException {
        DomainException failure = failures.remote(new TransportException(new URIish(REPO.cloneUrl()),
                "500 echo " + TOKEN));

        assertEquals("The Git host at https://git.example.com:4013 failed:"
                + " https://git.example.com:4013/acme/prompts.git: 500 echo ***", failure.getMessage());
        assertNull(failure.getCause());
    }

    @Test
    void push_refusals_by_rule_are_forbidden_and_others_conflicts() {
        assertInstanceOf(ForbiddenException.class, failures.refused("main", "protected branch hook declined"));
        assertInstanceOf(ForbiddenException.class,
                failures.refused("main", "You are not allowed to push code to protected branches on this project."));
        DomainException other = failures.refused("main", "pre-receive says: file too large");
        assertInstanceOf(ConflictException.class, other);
        assertEquals("The Git host refused the push to main of acme/prompts: pre-receive says: file too large",
                other.getMessage());
    }
}
