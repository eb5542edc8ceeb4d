package dev.athanor.git.repo;

import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.git.WorkingCopyStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What a call that stopped half-way leaves in a working copy: seen by status, gone with the next call. */
class StaleWorkingCopyTest {

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
    void leftovers_are_seen_by_status_and_dropped_by_the_next_call() throws Exception {
        repositories.read(git.alice, git.repo, "prompts");
        Path copy = GitFixture.workingCopies(workspace).get(0);
        Files.writeString(copy.resolve("prompts/greeting.yaml"), "text: half-done\n");
        Files.writeString(copy.resolve("prompts/leftover.yaml"), "text: never committed\n");
        Files.delete(copy.resolve("prompts/farewell.yaml"));
        Files.writeString(copy.resolve("README.md"), "changed outside the folder\n");
        Files.createDirectories(copy.resolve(".git"));
        Files.writeString(copy.resolve(".git/index.lock"), "a crash while staging");

        WorkingCopyStatus before = repositories.status(git.alice, git.repo, "prompts");
        RepoFiles read = repositories.read(git.alice, git.repo, "prompts");
        WorkingCopyStatus after = repositories.status(git.alice, git.repo, "");

        String shortHead = git.initialHead.substring(0, 7);
        assertEquals(new WorkingCopyStatus(true, "main", shortHead,
                List.of("prompts/farewell.yaml", "prompts/greeting.yaml"), List.of("prompts/leftover.yaml")), before);
        assertEquals(Map.of("prompts/farewell.yaml", "text: bye\n", "prompts/greeting.yaml", "text: hello\n"),
                read.files());
        assertEquals(new WorkingCopyStatus(true, "main", shortHead, List.of(), List.of()), after);
        assertFalse(Files.exists(copy.resolve("prompts/leftover.yaml")));
        assertEquals("text: hello\n", Files.readString(copy.resolve("prompts/greeting.yaml")));
        assertEquals("# acme/prompts\n", Files.readString(copy.resolve("README.md")));
    }

    @Test
    void a_commit_left_unpushed_does_not_reach_the_next_push() throws Exception {
        repositories.read(git.alice, git.repo, "prompts");
        Path copy = GitFixture.workingCopies(workspace).get(0);
        try (var local = org.eclipse.jgit.api.Git.open(copy.toFile())) {
            Files.writeString(copy.resolve("prompts/unpushed.yaml"), "text: stray\n");
            local.add().addFilepattern("prompts/unpushed.yaml").call();
            local.commit().setMessage("Stray").setAuthor("x", "x@example.com").setCommitter("x", "x@example.com")
                    .setSign(false).call();
        }

        repositories.pushToDefault(git.alice, git.repo, GitFixture.changes("Real", "prompts/real.yaml", "real\n"));

        assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main~1"));
        assertEquals("real\n", git.server.readFile(GitFixture.REPO, "main", "prompts/real.yaml"));
        assertEquals(null, git.server.readFile(GitFixture.REPO, "main", "prompts/unpushed.yaml"));
    }
}
