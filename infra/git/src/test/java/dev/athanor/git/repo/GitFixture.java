package dev.athanor.git.repo;

import dev.athanor.git.GitConfiguration;
import dev.athanor.model.git.FileChanges;
import dev.athanor.model.git.GitAuthor;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.testkit.git.GitHttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Git server with {@code acme/prompts} (default branch main, a README and two prompts) that alice may push to and
 * bob may only read, and working copies in a folder of the test's.
 */
final class GitFixture implements AutoCloseable {

    static final String REPO = "acme/prompts";
    static final String ALICE = "alice";
    static final String ALICE_TOKEN = "ghp_AliceSecretToken0123456789";
    static final String BOB = "bob";
    static final String BOB_TOKEN = "glpat-BobReadOnlyToken98765";
    static final GitAuthor AUTHOR = new GitAuthor("Athanor", "athanor@example.com");

    final GitHttpServer server;
    final GitRepo repo;
    final GitCredentials alice;
    final GitCredentials bob;
    final String initialHead;

    GitFixture() {
        server = GitHttpServer.start()
                .user(ALICE, ALICE_TOKEN).grant(ALICE_TOKEN, REPO, true)
                .user(BOB, BOB_TOKEN).grant(BOB_TOKEN, REPO, false);
        server.createRepository(REPO, "main", true);
        server.commitFile(REPO, "main", "prompts/greeting.yaml", "text: hello\n", "Add the greeting");
        initialHead = server.commitFile(REPO, "main", "prompts/farewell.yaml", "text: bye\n", "Add the farewell");
        repo = GitRepo.parse(server.cloneUrl(REPO)).orElseThrow();
        alice = credentials(ALICE, ALICE_TOKEN);
        bob = credentials(BOB, BOB_TOKEN);
    }

    static GitCredentials credentials(String username, String token) {
        return new GitCredentials(GitPlatform.GITEA, username, token, null);
    }

    static JgitRepositories repositories(Path workspace) {
        return repositories(workspace, 200);
    }

    static JgitRepositories repositories(Path workspace, int depth) {
        return new JgitRepositories(new GitConfiguration() {
            @Override
            public String getWorkspaceDir() {
                return workspace.toString();
            }

            @Override
            public Duration getTimeout() {
                return Duration.ofSeconds(20);
            }

            @Override
            public String getGithubApiUrl() {
                return "https://api.github.com";
            }

            @Override
            public String getGitlabUrl() {
                return "https://gitlab.com";
            }

            @Override
            public int getDepth() {
                return depth;
            }
        });
    }

    /** Changes whose values may be null (deletions), which {@link Map#of} does not take. */
    static FileChanges changes(String message, String... pathsAndContents) {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return new FileChanges(message, AUTHOR, files);
    }

    /** The working copies in a workspace (one folder each). */
    static List<Path> workingCopies(Path workspace) {
        try (Stream<Path> folders = Files.list(workspace)) {
            return folders.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under the folder whose bytes hold the text. */
    static List<Path> filesHolding(Path folder, String text) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
