package dev.athanor.testkit.git;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who the server knows (users by token) and what each token may do with each repository. */
final class GitAccess {

    /** A token's right on one repository. */
    enum Right { READ, PUSH }

    private final Map<String, String> usersByToken = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Right>> rightsByToken = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> protectedBranches = new ConcurrentHashMap<>();

    void user(String name, String token) {
        usersByToken.put(token, name);
    }

    void grant(String token, String repoPath, boolean push) {
        rightsByToken.computeIfAbsent(token, t -> new ConcurrentHashMap<>())
                .put(GitHttpServer.normalise(repoPath), push ? Right.PUSH : Right.READ);
    }

    /** True when the Basic credentials name a known user and that user's token. */
    boolean authenticates(String username, String token) {
        return username.equals(usersByToken.get(token));
    }

    Optional<Right> right(String token, String repoPath) {
        return Optional.ofNullable(rightsByToken.getOrDefault(token, Map.of()).get(GitHttpServer.normalise(repoPath)));
    }

    void protect(String repoPath, String branch) {
        protectedBranches.computeIfAbsent(GitHttpServer.normalise(repoPath), p -> ConcurrentHashMap.newKeySet())
                .add(branch);
    }

    boolean isProtected(String repoPath, String refName) {
        return protectedBranches.getOrDefault(GitHttpServer.normalise(repoPath), Set.of())
                .stream().anyMatch(branch -> refName.equals("refs/heads/" + branch));
    }
}
