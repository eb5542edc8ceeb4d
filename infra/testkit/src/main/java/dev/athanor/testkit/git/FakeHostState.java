package dev.athanor.testkit.git;

import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.PullRequestState;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the three fake hosts hold: accounts and their tokens per platform, repositories (one set, seen by every
 * platform), what each token may do with them, and pull requests per platform and repository. Not thread-safe on
 * its own: every reader and writer holds this object's lock.
 */
final class FakeHostState {

    record User(GitPlatform platform, long id, String username, String token, String name, String email) {

        @Override
        public String toString() {
            return "User[" + platform.wireName() + ", " + username + "]";
        }
    }

    record Repo(long id, String path, String defaultBranch, boolean isPublic, Instant createdAt) {

        String owner() {
            return path.substring(0, path.lastIndexOf('/'));
        }

        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** {@code member}: granted to the token, not only readable because the repository is public. */
    record Access(boolean member, boolean push) {
    }

    static final class Pull {
        final long id;
        final long number;
        final Repo repo;
        final User author;
        final String head;
        final String base;
        final String title;
        final String body;
        final String headSha;
        final String trialMergeSha;
        final Instant createdAt;
        PullRequestState state = PullRequestState.OPEN;
        String mergeCommitSha;
        Instant mergedAt;
        Instant closedAt;

        Pull(long id, long number, Repo repo, User author, String head, String base, String title, String body,
             Instant createdAt) {
            this.id = id;
            this.number = number;
            this.repo = repo;
            this.author = author;
            this.head = head;
            this.base = base;
            this.title = title;
            this.body = body;
            this.headSha = FakeIds.sha(repo.path() + ":" + head);
            this.trialMergeSha = FakeIds.sha(repo.path() + ":" + head + "->" + base);
            this.createdAt = createdAt;
        }

        Instant updatedAt() {
            return closedAt != null ? closedAt : createdAt;
        }
    }

    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Repo> repositories = new LinkedHashMap<>();
    private final Map<String, Access> grants = new HashMap<>();
    private final Map<String, List<Pull>> pulls = new HashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private long nextId = 1000;

    FakeHostState() {
        // the public repositories the hosts' token checks read
        repository("octocat/Hello-World", "master", true);
        repository("gitlab-org/gitlab", "master", true);
    }

    User addUser(GitPlatform platform, String username, String token, String name, String email) {
        User user = new User(platform, nextId++, username, token, name, email);
        users.put(platform.wireName() + " " + token, user);
        return user;
    }

    Optional<User> user(GitPlatform platform, String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(users.get(platform.wireName() + " " + token));
    }

    Repo repository(String path, String defaultBranch, boolean isPublic) {
        Repo repo = new Repo(nextId++, path, defaultBranch, isPublic, now());
        repositories.put(key(path), repo);
        return repo;
    }

    Optional<Repo> repository(String path) {
        return Optional.ofNullable(repositories.get(key(path)));
    }

    Optional<Repo> repository(long id) {
        return repositories.values().stream().filter(repo -> repo.id() == id).findFirst();
    }

    Repo existing(String path) {
        return repository(path).orElseThrow(() -> new IllegalArgumentException(
                "no repository " + path + " in the fake: add it with repository(path, defaultBranch) first"));
    }

    void grant(String token, String path, boolean push) {
        grants.put(token + " " + key(existing(path).path()), new Access(true, push));
    }

    /** What the token may do: public repositories are readable by anyone, the others only when granted. */
    Optional<Access> access(String token, Repo repo) {
        Access granted = token == null ? null : grants.get(token + " " + key(repo.path()));
        if (granted != null) {
            return Optional.of(granted);
        }
        return repo.isPublic() ? Optional.of(new Access(false, false)) : Optional.empty();
    }

    List<Pull> pulls(GitPlatform platform, Repo repo) {
        return pulls.computeIfAbsent(platform.wireName() + " " + key(repo.path()), ignored -> new ArrayList<>());
    }

    /** Numbers count up from 1 per repository and platform. */
    Pull open(GitPlatform platform, Repo repo, User author, String head, String base, String title, String body) {
        List<Pull> list = pulls(platform, repo);
        Pull pull = new Pull(nextId++, list.size() + 1L, repo, author, head, base, title, body, now());
        list.add(pull);
        return pull;
    }

    Optional<Pull> pull(GitPlatform platform, Repo repo, long number) {
        return pulls(platform, repo).stream().filter(pull -> pull.number == number).findFirst();
    }

    Optional<Pull> openPull(GitPlatform platform, Repo repo, String head, String base) {
        return pulls(platform, repo).stream()
                .filter(pull -> pull.state == PullRequestState.OPEN && pull.head.equals(head) && pull.base.equals(base))
                .findFirst();
    }

    void failNext(int status) {
        failures.add(status);
    }

    Optional<Integer> takeFailure() {
        return Optional.ofNullable(failures.poll());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String key(String path) {
        return path.toLowerCase(Locale.ROOT);
    }
}
