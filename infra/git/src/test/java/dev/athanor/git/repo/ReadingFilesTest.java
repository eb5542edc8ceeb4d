package dev.athanor.git.repo;

import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.git.WorkingCopyStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReadingFilesTest {

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
    void read_returns_the_files_under_the_folder_at_the_default_branch_head() {
        RepoFiles files = repositories.read(git.alice, git.repo, "prompts");

        assertEquals("main", files.branch());
        assertEquals(git.initialHead, files.headSha());
        assertEquals(Map.of("prompts/farewell.yaml", "text: bye\n", "prompts/greeting.yaml", "text: hello\n"),
                files.files());
    }

    @Test
    void read_of_the_whole_repository_and_of_a_missing_folder() {
        RepoFiles all = repositories.read(git.alice, git.repo, "/");
        RepoFiles none = repositories.read(git.alice, git.repo, "datasets/");

        assertEquals(List.of("README.md", "prompts/farewell.yaml", "prompts/greeting.yaml"),
                List.copyOf(all.files().keySet()));
        assertEquals(Map.of(), none.files());
        assertEquals(git.initialHead, none.headSha());
    }

    @Test
    void a_second_read_sees_what_another_writer_pushed_meanwhile() {
        repositories.read(git.alice, git.repo, "prompts");
        String outside = git.server.commitFile(GitFixture.REPO, "main", "prompts/greeting.yaml", "text: hi\n",
                "Shorter greeting");

        RepoFiles files = repositories.read(git.alice, git.repo, "prompts");

        assertEquals(outside, files.headSha());
        assertEquals("text: hi\n", files.files().get("prompts/greeting.yaml"));
    }

    @Test
    void read_follows_the_default_branch_the_remote_head_names() {
        git.server.createRepository("acme/trunk-based", "trunk", true);
        git.server.grant(GitFixture.ALICE_TOKEN, "acme/trunk-based", true);
        GitRepo trunkBased = GitRepo.parse(git.server.cloneUrl("acme/trunk-based")).orElseThrow();

        RepoFiles files = repositories.read(git.alice, trunkBased, "");

        assertEquals("trunk", files.branch());
        assertEquals(git.server.resolve("acme/trunk-based", "trunk"), files.headSha());
        assertEquals(Map.of("README.md", "# acme/trunk-based\n"), files.files());
    }

    @Test
    void an_empty_repository_reads_as_its_unborn_default_branch_without_files() {
        git.server.createRepository("acme/empty", "main", false);
        git.server.grant(GitFixture.ALICE_TOKEN, "acme/empty", true);
        GitRepo empty = GitRepo.parse(git.server.cloneUrl("acme/empty")).orElseThrow();

        RepoFiles files = repositories.read(git.alice, empty, "prompts");

        assertEquals("main", files.branch());
        assertNull(files.headSha());
        assertEquals(Map.of(), files.files());
    }

    @Test
    void status_before_any_call_says_there_is_no_working_copy() {
        WorkingCopyStatus status = repositories.status(git.alice, git.repo, "prompts");

        assertEquals(new WorkingCopyStatus(false, null, null, List.of(), List.of()), status);
        assertEquals(List.of(), GitFixture.workingCopies(workspace));
    }

    @Test
    void each_identity_has_its_own_working_copy_and_none_is_named_after_the_token() {
        repositories.read(git.alice, git.repo, "prompts");
        repositories.read(git.bob, git.repo, "prompts");

        List<Path> copies = GitFixture.workingCopies(workspace);
        assertEquals(2, copies.size());
        for (Path copy : copies) {
            String name = copy.getFileName().toString();
            assertFalse(name.contains(GitFixture.ALICE_TOKEN) || name.contains(GitFixture.BOB_TOKEN));
            assertFalse(name.contains(GitFixture.ALICE) || name.contains("acme"));
        }
        WorkingCopyStatus status = repositories.status(git.bob, git.repo, "prompts");
        assertEquals(new WorkingCopyStatus(true, "main", git.initialHead.substring(0, 7), List.of(), List.of()),
                status);
    }
}
