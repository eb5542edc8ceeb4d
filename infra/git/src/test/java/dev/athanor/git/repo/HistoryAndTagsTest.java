package dev.athanor.git.repo;

import dev.athanor.model.git.FileVersion;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryAndTagsTest {

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
    void history_lists_the_commits_touching_the_file_newest_first_with_its_content_after_each() {
        String added = git.server.resolve(GitFixture.REPO, "main~1");
        GitCommit second = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Warmer greeting", "prompts/greeting.yaml", "text: hello there\n"));
        repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Unrelated", "prompts/farewell.yaml", "text: see you\n"));
        String outside = git.server.commitFile(GitFixture.REPO, "main", "prompts/greeting.yaml", "text: hey\n",
                "Outside edit");
        GitCommit deleted = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Drop the greeting", "prompts/greeting.yaml", null));

        List<FileVersion> history = repositories.history(git.alice, git.repo, "prompts/greeting.yaml", 10);

        assertEquals(List.of(deleted.sha(), outside, second.sha(), added),
                history.stream().map(version -> version.commit().sha()).toList());
        assertEquals(java.util.Arrays.asList(null, "text: hey\n", "text: hello there\n", "text: hello\n"),
                history.stream().map(FileVersion::content).toList());
        assertEquals(List.of("Drop the greeting", "Outside edit", "Warmer greeting", "Add the greeting"),
                history.stream().map(version -> version.commit().message()).toList());
        assertEquals(List.of("Athanor", "Outside Writer", "Athanor", "Outside Writer"),
                history.stream().map(version -> version.commit().authorName()).toList());
        assertEquals(deleted, history.get(0).commit());
    }

    @Test
    void history_stops_at_the_limit_and_is_empty_for_a_file_never_there() {
        repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Second", "prompts/greeting.yaml", "text: 2\n"));
        GitCommit third = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Third", "prompts/greeting.yaml", "text: 3\n"));

        List<FileVersion> newest = repositories.history(git.alice, git.repo, "prompts/greeting.yaml", 1);
        List<FileVersion> never = repositories.history(git.alice, git.repo, "prompts/never.yaml", 10);

        assertEquals(List.of(new FileVersion(third, "text: 3\n")), newest);
        assertEquals(List.of(), never);
    }

    @Test
    void history_goes_back_as_far_as_the_working_copy_is_deep() {
        JgitRepositories shallow = GitFixture.repositories(workspace.resolve("shallow"), 2);
        repositories.pushToDefault(git.alice, git.repo, GitFixture.changes("Second", "prompts/greeting.yaml", "2\n"));
        GitCommit third = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Third", "prompts/greeting.yaml", "3\n"));
        GitCommit fourth = repositories.pushToDefault(git.alice, git.repo,
                GitFixture.changes("Fourth", "prompts/greeting.yaml", "4\n"));

        List<FileVersion> history = shallow.history(git.alice, git.repo, "prompts/greeting.yaml", 10);

        assertEquals(List.of(new FileVersion(fourth, "4\n"), new FileVersion(third, "3\n")), history);
    }

    @Test
    void history_of_an_empty_repository_is_empty() {
        git.server.createRepository("acme/empty", "main", false);
        git.server.grant(GitFixture.ALICE_TOKEN, "acme/empty", false);
        GitRepo empty = GitRepo.parse(git.server.cloneUrl("acme/empty")).orElseThrow();

        assertEquals(List.of(), repositories.history(git.alice, empty, "prompts/a.yaml", 10));
        assertEquals(List.of(), repositories.tags(git.alice, empty));
    }

    @Test
    void tags_list_the_remotes_tags_newest_first_with_the_commit_each_names() {
        String first = git.server.resolve(GitFixture.REPO, "main~1");
        Instant older = Instant.parse("2026-03-01T10:00:00Z");
        Instant newer = Instant.parse("2026-04-01T10:00:00Z");
        git.server.annotatedTag(GitFixture.REPO, "v1", first, "First release\n", older);
        git.server.annotatedTag(GitFixture.REPO, "v2", "main", "Second release\n", newer);
        git.server.lightweightTag(GitFixture.REPO, "latest", "main");

        List<GitTag> tags = repositories.tags(git.alice, git.repo);

        assertEquals(List.of(
                new GitTag("v2", git.initialHead, "Second release", newer),
                new GitTag("v1", first, "First release", older),
                new GitTag("latest", git.initialHead, null, null)), tags);
    }
}
