package dev.athanor.git.repo;

import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.WorkingCopyStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The host's refusals and failures as the domain's exceptions, none of them holding the token. */
class HostFailuresTest {

    private static final String WRONG_TOKEN = "ghp_WrongTokenNobodyKnows4242";

    @TempDir
    Path workspace;

    private GitFixture git;
    private JgitRepositories repositories;

    @BeforeEach
    void start() {
        git = new GitFixture();
        repositories = GitFixture.repositories(workspace);
    }

    @AfterEach
    void stop() {
        git.close();
    }

    @Test
    void a_wrong_token_is_unauthorized_and_leaves_no_working_copy() {
        GitCredentials wrong = GitFixture.credentials(GitFixture.ALICE, WRONG_TOKEN);

        UnauthorizedException failure = assertFails(UnauthorizedException.class, WRONG_TOKEN,
                () -> repositories.read(wrong, git.repo, "prompts"));

        assertEquals("The Git host at " + git.repo.origin() + " refused the credentials for acme/prompts",
                failure.getMessage());
        assertEquals(List.of(), GitFixture.workingCopies(workspace));
        assertEquals(new WorkingCopyStatus(false, null, null, List.of(), List.of()),
                repositories.status(wrong, git.repo, "prompts"));
    }

    @Test
    void a_wrong_token_on_a_push_is_unauthorized() {
        GitCredentials wrong = GitFixture.credentials(GitFixture.ALICE, WRONG_TOKEN);

        assertFails(UnauthorizedException.class, WRONG_TOKEN, () -> repositories.pushToDefault(wrong, git.repo,
                GitFixture.changes("Nope", "prompts/greeting.yaml", "text: nope\n")));

        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main"));
    }

    @Test
    void a_read_only_token_reads_but_its_pushes_are_forbidden() {
        assertEquals(git.initialHead, repositories.read(git.bob, git.repo, "prompts").headSha());

        ForbiddenException toDefault = assertFails(ForbiddenException.class, GitFixture.BOB_TOKEN,
                () -> repositories.pushToDefault(git.bob, git.repo,
                        GitFixture.changes("Read-only", "prompts/greeting.yaml", "text: mine\n")));
        assertFails(ForbiddenException.class, GitFixture.BOB_TOKEN, () -> repositories.pushBranch(git.bob, git.repo,
                "bobs-branch", GitFixture.changes("Read-only", "prompts/greeting.yaml", "text: mine\n")));

        assertEquals("The Git host at " + git.repo.origin() + " does not let these credentials do this on"
                + " acme/prompts (no push right?)", toDefault.getMessage());
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main"));
        assertEquals(List.of("main"), git.server.branches(GitFixture.REPO));
    }

    @Test
    void an_unknown_repository_is_not_found() {
        GitRepo missing = GitRepo.parse(git.server.cloneUrl("acme/missing")).orElseThrow();

        NotFoundException failure = assertFails(NotFoundException.class, GitFixture.ALICE_TOKEN,
                () -> repositories.read(git.alice, missing, ""));

        assertEquals("No repository acme/missing at " + missing.origin() + " that these credentials can see",
                failure.getMessage());
    }

    @Test
    void a_repository_the_token_may_not_see_is_not_found() {
        git.server.createRepository("acme/private", "main", true);

        assertFails(NotFoundException.class, GitFixture.ALICE_TOKEN, () -> repositories.tags(git.alice,
                GitRepo.parse(git.server.cloneUrl("acme/private")).orElseThrow()));
    }

    @Test
    void a_stopped_server_is_an_upstream_failure_and_the_working_copy_stays() {
        repositories.read(git.alice, git.repo, "prompts");
        git.server.stop();

        UpstreamException failure = assertFails(UpstreamException.class, GitFixture.ALICE_TOKEN,
                () -> repositories.read(git.alice, git.repo, "prompts"));

        assertEquals("The Git host at " + git.repo.origin() + " could not be reached (connection refused)",
                failure.getMessage());
        assertEquals(1, GitFixture.workingCopies(workspace).size());
        assertEquals("main", repositories.status(git.alice, git.repo, "prompts").branch());
    }

    @Test
    void no_file_of_a_working_copy_holds_a_token() {
        repositories.read(git.alice, git.repo, "prompts");
        repositories.pushBranch(git.alice, git.repo, "feature", GitFixture.changes("Branch", "prompts/a.yaml", "a\n"));
        repositories.pushToDefault(git.alice, git.repo, GitFixture.changes("Default", "prompts/b.yaml", "b\n"));
        repositories.history(git.alice, git.repo, "prompts/b.yaml", 5);
        repositories.read(git.bob, git.repo, "prompts");
        assertThrows(ForbiddenException.class, () -> repositories.pushToDefault(git.bob, git.repo,
                GitFixture.changes("Read-only", "prompts/c.yaml", "c\n")));
        assertThrows(UnauthorizedException.class, () -> repositories.read(
                GitFixture.credentials(GitFixture.BOB, WRONG_TOKEN), git.repo, "prompts"));

        assertEquals(2, GitFixture.workingCopies(workspace).size());
        for (String token : List.of(GitFixture.ALICE_TOKEN, GitFixture.BOB_TOKEN, WRONG_TOKEN)) {
            assertEquals(List.of(), GitFixture.filesHolding(workspace, token), token);
        }
    }

    private static <T extends DomainException> T assertFails(Class<T> type, String token, Executable call) {
        T failure = assertThrows(type, call);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(token), t.getMessage());
            assertFalse(String.valueOf(t).contains(token), String.valueOf(t));
        }
        return failure;
    }
}
