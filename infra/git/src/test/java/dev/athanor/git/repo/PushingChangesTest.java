package dev.athanor.git.repo;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.WorkingCopyStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushingChangesTest {

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
    void push_branch_creates_the_branch_with_the_files_and_leaves_the_default_branch_alone() {
        GitCommit commit = repositories.pushBranch(git.alice, git.repo, "athanor/tag-prod-greeting",
                GitFixture.changes("Promote the greeting to prod",
                        "prompts/greeting.yaml", "text: hello\nlabel: prod\n",
                        "prompts/new.yaml", "text: new\n",
                        "prompts/farewell.yaml", null));

        assertEquals(List.of("athanor/tag-prod-greeting", "main"), git.server.branches(GitFixture.REPO));
        assertEquals(commit.sha(), git.server.resolve(GitFixture.REPO, "athanor/tag-prod-greeting"));
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "athanor/tag-prod-greeting~1"));
        assertEquals("Promote the greeting to prod", commit.message());
        assertEquals("Athanor", commit.authorName());
        assertEquals("athanor@example.com", commit.authorEmail());
        String branch = "athanor/tag-prod-greeting";
        assertEquals("text: hello\nlabel: prod\n", git.server.readFile(GitFixture.REPO, branch, "prompts/greeting.yaml"));
        assertEquals("text: new\n", git.server.readFile(GitFixture.REPO, branch, "prompts/new.yaml"));
        assertNull(git.server.readFile(GitFixture.REPO, branch, "prompts/farewell.yaml"));
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main"));
        assertEquals("text: hello\n", git.server.readFile(GitFixture.REPO, "main", "prompts/greeting.yaml"));
        assertEquals(new WorkingCopyStatus(true, branch, commit.shortSha(), List.of(), List.of()),
                repositories.status(git.alice, git.repo, ""));
    }

    @Test
    void the_next_call_after_a_branch_push_works_on_the_default_branch_again() {
        repositories.pushBranch(git.alice, git.repo, "feature",
                GitFixture.changes("On a branch", "prompts/greeting.yaml", "text: branch\n"));

        var files = repositories.read(git.alice, git.repo, "prompts");

        assertEquals("text: hello\n", files.files().get("prompts/greeting.yaml"));
        assertEquals(new WorkingCopyStatus(true, "main", git.initialHead.substring(0, 7), List.of(), List.of()),
                repositories.status(git.alice, git.repo, ""));
    }

    @Test
    void push_branch_to_a_branch_that_exists_is_a_conflict() {
        String theirs = git.server.commitFile(GitFixture.REPO, "feature", "prompts/other.yaml", "x\n",
                "Someone's branch");

        ConflictException conflict = assertThrows(ConflictException.class, () -> repositories.pushBranch(git.alice,
                git.repo, "feature", GitFixture.changes("Mine", "prompts/greeting.yaml", "text: mine\n")));

        assertEquals("The branch feature already exists in acme/prompts", conflict.getMessage());
        assertEquals(theirs, git.server.resolve(GitFixture.REPO, "feature"));
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main"));
    }

    @Test
    void push_branch_to_an_empty_repository_asks_for_a_first_commit() {
        git.server.createRepository("acme/empty", "main", false);
        git.server.grant(GitFixture.ALICE_TOKEN, "acme/empty", true);
        GitRepo empty = GitRepo.parse(git.server.cloneUrl("acme/empty")).orElseThrow();

        ConflictException conflict = assertThrows(ConflictException.class, () -> repositories.pushBranch(git.alice,
                empty, "feature", GitFixture.changes("First", "prompts/a.yaml", "a\n")));

        assertTrue(conflict.getMessage().contains("needs a first commit on its default branch (main)"),
                conflict.getMessage());
        assertEquals(List.of(), git.server.branches("acme/empty"));
    }

    @Test
    void push_to_default_lands_on_the_default_branch() {
        GitCommit commit = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Retire the farewell", "prompts/farewell.yaml", null,
                        "prompts/greeting.yaml", "text: hello again\n"));

        assertEquals(commit.sha(), git.server.resolve(GitFixture.REPO, "main"));
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main~1"));
        assertEquals("Retire the farewell", commit.message());
        assertEquals("text: hello again\n", git.server.readFile(GitFixture.REPO, "main", "prompts/greeting.yaml"));
        assertNull(git.server.readFile(GitFixture.REPO, "main", "prompts/farewell.yaml"));
        assertEquals(List.of("main"), git.server.branches(GitFixture.REPO));
    }

    @Test
    void push_to_default_on_top_of_an_outside_push_keeps_both() {
        repositories.read(git.alice, git.repo, "prompts");
        git.server.commitFile(GitFixture.REPO, "main", "prompts/outside.yaml", "outside\n", "Outside");

        GitCommit commit = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Inside", "prompts/inside.yaml", "inside\n"));

        assertEquals(commit.sha(), git.server.resolve(GitFixture.REPO, "main"));
        assertEquals("outside\n", git.server.readFile(GitFixture.REPO, "main", "prompts/outside.yaml"));
        assertEquals("inside\n", git.server.readFile(GitFixture.REPO, "main", "prompts/inside.yaml"));
    }

    @Test
    void push_to_default_with_nothing_to_change_returns_the_head_and_pushes_nothing() {
        GitCommit commit = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Same again", "prompts/greeting.yaml", "text: hello\n", "prompts/gone.yaml", null));

        assertEquals(git.initialHead, commit.sha());
        assertEquals("Add the farewell", commit.message());
        assertEquals("Outside Writer", commit.authorName());
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main"));
    }

    @Test
    void push_to_default_makes_the_first_commit_of_an_empty_repository() {
        git.server.createRepository("acme/empty", "main", false);
        git.server.grant(GitFixture.ALICE_TOKEN, "acme/empty", true);
        GitRepo empty = GitRepo.parse(git.server.cloneUrl("acme/empty")).orElseThrow();

        GitCommit commit = repositories.pushToDefault(git.alice, empty,
                GitFixture.changes("First", "prompts/a.yaml", "a\n"));

        assertEquals(commit.sha(), git.server.resolve("acme/empty", "main"));
        assertEquals("a\n", git.server.readFile("acme/empty", "main", "prompts/a.yaml"));
    }

    @Test
    void a_push_to_a_protected_branch_is_forbidden_with_the_hosts_words() {
        git.server.protect(GitFixture.REPO, "main");

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> repositories.pushToDefault(
                git.alice, git.repo, GitFixture.changes("Blocked", "prompts/greeting.yaml", "text: blocked\n")));

        assertEquals("The Git host refused the push to main of acme/prompts: protected branch hook declined",
                refused.getMessage());
        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main"));
    }

    @Test
    void paths_out_of_the_repository_and_bad_branch_names_are_refused_before_any_call() {
        assertThrows(InvalidInputException.class, () -> repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Escape", "../outside.txt", "x")));
        assertThrows(InvalidInputException.class, () -> repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Hooks", ".git/hooks/pre-commit", "x")));
        assertThrows(InvalidInputException.class, () -> repositories.pushBranch(git.alice, git.repo,
                "no..dots", GitFixture.changes("Bad", "prompts/a.yaml", "x")));

        assertEquals(List.of(), GitFixture.workingCopies(workspace));
    }
}
