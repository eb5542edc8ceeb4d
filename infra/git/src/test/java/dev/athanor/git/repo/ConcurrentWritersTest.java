package dev.athanor.git.repo;

import dev.athanor.model.git.FileChanges;
import dev.athanor.model.git.GitCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two processes (two instances, two workspaces) pushing to the default branch at once. */
class ConcurrentWritersTest {

    @TempDir
    Path firstWorkspace;

    @TempDir
    Path secondWorkspace;

    private GitFixture git;

    @BeforeEach
    void start() {
        git = new GitFixture();
    }

    @AfterEach
    void stop() {
        git.close();
    }

    @Test
    void two_writers_pushing_to_the_default_branch_from_the_same_head_both_land() throws Exception {
        // shallow copies of one commit: the re-applied push must work from the fetched head alone
        JgitRepositories first = GitFixture.repositories(firstWorkspace, 1);
        JgitRepositories second = GitFixture.repositories(secondWorkspace, 1);
        // both pushes reach the server from the same head before either moves it
        git.server.holdPushesTogether(GitFixture.REPO, 2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<GitCommit> a = writers.submit(() -> {
                go.await();
                return first.pushToDefault(git.alice, git.repo, changes("First writer", "prompts/first.yaml"));
            });
            Future<GitCommit> b = writers.submit(() -> {
                go.await();
                return second.pushToDefault(git.alice, git.repo, changes("Second writer", "prompts/second.yaml"));
            });
            go.countDown();
            GitCommit fromFirst = a.get(60, TimeUnit.SECONDS);
            GitCommit fromSecond = b.get(60, TimeUnit.SECONDS);

            String head = git.server.resolve(GitFixture.REPO, "main");
            String parent = git.server.resolve(GitFixture.REPO, "main~1");
            assertEquals(Set.of(fromFirst.sha(), fromSecond.sha()), Set.of(head, parent));
            assertEquals(git.initialHead, git.server.resolve(GitFixture.REPO, "main~2"));
            assertEquals("first\n", git.server.readFile(GitFixture.REPO, "main", "prompts/first.yaml"));
            assertEquals("second\n", git.server.readFile(GitFixture.REPO, "main", "prompts/second.yaml"));
            assertEquals("text: hello\n", git.server.readFile(GitFixture.REPO, "main", "prompts/greeting.yaml"));
            assertEquals(List.of("main"), git.server.branches(GitFixture.REPO));
        } finally {
            writers.shutdownNow();
        }
    }

    private static FileChanges changes(String message, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
        return GitFixture.changes(message, path, name + "\n");
    }
}
