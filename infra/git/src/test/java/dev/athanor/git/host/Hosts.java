package dev.athanor.git.host;

import dev.athanor.git.GitConfiguration;
import io.micronaut.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** GitHosts as the tests build it: hosts reached at the given URLs, JSON as the functions read it, a fixed clock. */
final class Hosts {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private Hosts() {
    }

    static GitHosts reaching(String githubApiUrl, String gitlabUrl, Duration timeout) {
        return new GitHosts(new Settings(githubApiUrl, gitlabUrl, timeout), JSON, CLOCK);
    }

    static GitHosts reaching(String url) {
        return reaching(url, url, Duration.ofSeconds(5));
    }

    private record Settings(String githubApiUrl, String gitlabUrl, Duration timeout) implements GitConfiguration {

        @Override
        public String getWorkspaceDir() {
            return System.getProperty("java.io.tmpdir") + "/athanor-git-test";
        }

        @Override
        public Duration getTimeout() {
            return timeout;
        }

        @Override
        public String getGithubApiUrl() {
            return githubApiUrl;
        }

        @Override
        public String getGitlabUrl() {
            return gitlabUrl;
        }

        @Override
        public int getDepth() {
            return 200;
        }
    }
}
