package dev.athanor.git.host;

import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitHostApi;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.testkit.git.GitHostFake;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The port's one bean, built from athanor.git.* as a function's context builds it. */
class GitHostsBeanTest {

    @RegisterExtension
    static final GitHostFake HOSTS = GitHostFake.start();

    @Test
    void the_port_is_the_git_hosts_reaching_the_configured_github() {
        HOSTS.user(GitPlatform.GITHUB, "alice", "ghp_bean");
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("athanor.git.github-api-url", HOSTS.githubApiUrl(), "athanor.git.timeout", "5s"))
                .singletons(Clock.systemUTC())
                .start()) {
            GitHostApi port = context.getBean(GitHostApi.class);

            assertInstanceOf(GitHosts.class, port);
            assertEquals("alice", port.authenticate(new GitCredentials(GitPlatform.GITHUB, "alice", "ghp_bean", null))
                    .username());
        }
    }
}
