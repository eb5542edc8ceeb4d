package dev.athanor.git.repo;

import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.RepoFiles;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The application's GitRepositories is jgit's, its working copies where athanor.git.workspace-dir says. */
class JgitRepositoriesBeanTest {

    @TempDir
    Path workspace;

    @Test
    void the_port_is_served_by_jgit_with_the_configured_workspace() {
        try (GitFixture git = new GitFixture();
             ApplicationContext context = ApplicationContext.run(Map.of(
                     "athanor.git.workspace-dir", workspace.toString(), "athanor.git.timeout", "5s"))) {
            GitRepositories repositories = context.getBean(GitRepositories.class);

            RepoFiles files = repositories.read(git.alice, git.repo, "prompts");

            assertInstanceOf(JgitRepositories.class, repositories);
            assertEquals(git.initialHead, files.headSha());
            assertEquals(1, GitFixture.workingCopies(workspace).size());
        }
    }
}
