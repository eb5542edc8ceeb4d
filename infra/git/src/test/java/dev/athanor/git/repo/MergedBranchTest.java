package dev.athanor.git.repo;

import dev.athanor.model.git.FileVersion;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.RepoFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A pushed branch merged on the host, as a pull request is, and read back from the default branch. */
class MergedBranchTest {

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
    void a_branch_merged_without_other_changes_fast_forwards_the_default_branch() {
        GitCommit pushed = repositories.pushBranch(git.alice, git.repo, "promote",
                GitFixture.changes("Promote", "prompts/greeting.yaml", "text: prod\n"));

        String merged = git.server.merge(GitFixture.REPO, "promote", "main");
        RepoFiles files = repositories.read(git.alice, git.repo, "prompts");

        assertEquals(pushed.sha(), merged);
        assertEquals(merged, files.headSha());
        assertEquals("text: prod\n", files.files().get("prompts/greeting.yaml"));
    }

    @Test
    void a_branch_merged_after_the_default_branch_moved_gets_a_merge_commit() {
        GitCommit pushed = repositories.pushBranch(git.alice, git.repo, "promote",
                GitFixture.changes("Promote", "prompts/greeting.yaml", "text: prod\n"));
        String outside = git.server.commitFile(GitFixture.REPO, "main", "prompts/farewell.yaml", "text: later\n",
                "Outside");

        String merged = git.server.merge(GitFixture.REPO, "promote", "main");
        RepoFiles files = repositories.read(git.alice, git.repo, "prompts");
        List<FileVersion> history = repositories.history(git.alice, git.repo, "prompts/greeting.yaml", 5);

        assertEquals(merged, git.server.resolve(GitFixture.REPO, "main"));
        assertEquals(outside, git.server.resolve(GitFixture.REPO, "main^1"));
        assertEquals(pushed.sha(), git.server.resolve(GitFixture.REPO, "main^2"));
        assertEquals(Map.of("prompts/farewell.yaml", "text: later\n", "prompts/greeting.yaml", "text: prod\n"),
                files.files());
        assertEquals(List.of(pushed.sha(), git.server.resolve(GitFixture.REPO, git.initialHead + "~1")),
                history.stream().map(version -> version.commit().sha()).toList());
    }
}
