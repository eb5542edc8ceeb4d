package dev.athanor.testkit.git;

import com.github.tomakehurst.wiremock.http.Request;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.testkit.git.FakeHostState.Access;
import dev.athanor.testkit.git.FakeHostState.Pull;
import dev.athanor.testkit.git.FakeHostState.Repo;
import dev.athanor.testkit.git.FakeHostState.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.athanor.testkit.git.FakeIds.github;

/**
 * GitHub's REST API (api.github.com, and GitHub Enterprise under {@code /api/v3}): {@code GET /user},
 * {@code GET /repos/{owner}/{repo}}, {@code POST /repos/{owner}/{repo}/pulls} and
 * {@code GET /repos/{owner}/{repo}/pulls/{number}}, with GitHub's objects and error bodies.
 */
final class GithubWire implements FakeHostWire {

    private static final String DOCS = "https://docs.github.com/rest";
    private static final Instant SIGNED_UP = Instant.parse("2020-01-01T00:00:00Z");

    @Override
    public String token(Request request) {
        return FakeRequest.authorizationToken(FakeHostWire.header(request, "Authorization"));
    }

    @Override
    public FakeAnswer handle(FakeRequest request, FakeHostState state) {
        Optional<User> user = state.user(GitPlatform.GITHUB, request.token());
        if (request.token() != null && user.isEmpty()) {
            return error(401, "Bad credentials", DOCS);
        }
        if (request.is("GET", 1) && request.segment(0).equals("user")) {
            return user.map(u -> FakeAnswer.json(200, user(u, request)))
                    .orElseGet(() -> error(401, "Requires authentication",
                            DOCS + "/users/users#get-the-authenticated-user"));
        }
        if (request.segments().size() < 3 || !request.segment(0).equals("repos")) {
            return error(404, "Not Found", DOCS);
        }
        String path = request.segment(1) + "/" + request.segment(2);
        Optional<Repo> repo = state.repository(path);
        Optional<Access> access = repo.flatMap(r -> state.access(request.token(), r));
        if (repo.isEmpty() || access.isEmpty()) {
            return error(404, "Not Found", DOCS + "/repos/repos#get-a-repository");
        }
        if (request.is("GET", 3)) {
            return FakeAnswer.json(200, repository(repo.get(), user.isPresent() ? access.get() : null, request));
        }
        if (request.is("POST", 4) && request.segment(3).equals("pulls")) {
            return user.map(u -> open(request, state, repo.get(), u))
                    .orElseGet(() -> error(401, "Requires authentication", DOCS));
        }
        if (request.is("GET", 5) && request.segment(3).equals("pulls")) {
            return FakeRequest.number(request.segment(4)).flatMap(n -> state.pull(GitPlatform.GITHUB, repo.get(), n))
                    .map(pull -> FakeAnswer.json(200, pull(pull, request)))
                    .orElseGet(() -> error(404, "Not Found", DOCS + "/pulls/pulls#get-a-pull-request"));
        }
        return error(404, "Not Found", DOCS);
    }

    @Override
    public FakeAnswer failure(int status, FakeRequest request) {
        return error(status, status >= 500 ? "Server Error" : FakeHostWire.reason(status), DOCS);
    }

    private FakeAnswer open(FakeRequest request, FakeHostState state, Repo repo, User author) {
        String docs = DOCS + "/pulls/pulls#create-a-pull-request";
        Map<String, Object> fields = request.fields();
        if (fields == null) {
            return error(400, "Problems parsing JSON", docs);
        }
        List<Object> missing = new ArrayList<>();
        for (String name : List.of("head", "base", "title")) {
            if (FakeRequest.text(fields, name) == null) {
                missing.add(Map.of("resource", "PullRequest", "code", "missing_field", "field", name));
            }
        }
        if (!missing.isEmpty()) {
            return validationFailed(missing, docs);
        }
        String head = FakeRequest.text(fields, "head");
        String base = FakeRequest.text(fields, "base");
        if (head.equals(base)) {
            return validationFailed(List.of(custom("No commits between " + base + " and " + head)), docs);
        }
        if (state.openPull(GitPlatform.GITHUB, repo, head, base).isPresent()) {
            return validationFailed(List.of(custom("A pull request already exists for " + repo.owner() + ":" + head
                    + ".")), docs);
        }
        Pull pull = state.open(GitPlatform.GITHUB, repo, author, head, base, FakeRequest.text(fields, "title"),
                fields.get("body") instanceof String body ? body : null);
        Map<String, Object> json = pull(pull, request);
        return FakeAnswer.json(201, json).withHeader("Location", (String) json.get("url"));
    }

    private static Map<String, Object> custom(String message) {
        return Map.of("resource", "PullRequest", "code", "custom", "message", message);
    }

    private static FakeAnswer validationFailed(List<Object> errors, String docs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Validation Failed");
        body.put("errors", errors);
        body.put("documentation_url", docs);
        body.put("status", "422");
        return FakeAnswer.json(422, body);
    }

    static FakeAnswer error(int status, String message, String docs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("documentation_url", docs);
        body.put("status", String.valueOf(status));
        return FakeAnswer.json(status, body);
    }

    private static Map<String, Object> user(User user, FakeRequest request) {
        Map<String, Object> json = simpleUser(user.username(), user.id(), request);
        json.put("name", user.name());
        json.put("company", null);
        json.put("blog", "");
        json.put("location", null);
        json.put("email", user.email());
        json.put("hireable", null);
        json.put("bio", null);
        json.put("twitter_username", null);
        json.put("public_repos", 0);
        json.put("public_gists", 0);
        json.put("followers", 0);
        json.put("following", 0);
        json.put("created_at", github(SIGNED_UP));
        json.put("updated_at", github(SIGNED_UP));
        return json;
    }

    private static Map<String, Object> simpleUser(String login, long id, FakeRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("login", login);
        json.put("id", id);
        json.put("node_id", "U_" + id);
        json.put("avatar_url", request.webRoot() + "/avatars/u/" + id);
        json.put("gravatar_id", "");
        json.put("url", request.apiRoot() + "/users/" + login);
        json.put("html_url", request.webRoot() + "/" + login);
        json.put("type", "User");
        json.put("site_admin", false);
        return json;
    }

    /** {@code permissions} is there only for an authenticated caller, as on GitHub. */
    private static Map<String, Object> repository(Repo repo, Access access, FakeRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repo.id());
        json.put("node_id", "R_" + repo.id());
        json.put("name", repo.name());
        json.put("full_name", repo.path());
        json.put("private", !repo.isPublic());
        json.put("owner", simpleUser(repo.owner(), Math.abs(repo.owner().hashCode()), request));
        json.put("html_url", request.webRoot() + "/" + repo.path());
        json.put("description", null);
        json.put("fork", false);
        json.put("url", request.apiRoot() + "/repos/" + repo.path());
        json.put("clone_url", request.webRoot() + "/" + repo.path() + ".git");
        json.put("default_branch", repo.defaultBranch());
        json.put("visibility", repo.isPublic() ? "public" : "private");
        json.put("created_at", github(repo.createdAt()));
        json.put("updated_at", github(repo.createdAt()));
        json.put("pushed_at", github(repo.createdAt()));
        if (access != null) {
            Map<String, Object> permissions = new LinkedHashMap<>();
            permissions.put("admin", false);
            permissions.put("maintain", false);
            permissions.put("push", access.push());
            permissions.put("triage", access.push());
            permissions.put("pull", true);
            json.put("permissions", permissions);
        }
        return json;
    }

    /** While open, {@code merge_commit_sha} names GitHub's trial merge; once merged, the merge itself. */
    private static Map<String, Object> pull(Pull pull, FakeRequest request) {
        String api = request.apiRoot() + "/repos/" + pull.repo.path();
        String html = request.webRoot() + "/" + pull.repo.path() + "/pull/" + pull.number;
        boolean merged = pull.state == PullRequestState.MERGED;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api + "/pulls/" + pull.number);
        json.put("id", pull.id);
        json.put("node_id", "PR_" + pull.id);
        json.put("html_url", html);
        json.put("diff_url", html + ".diff");
        json.put("patch_url", html + ".patch");
        json.put("issue_url", api + "/issues/" + pull.number);
        json.put("number", pull.number);
        json.put("state", pull.state == PullRequestState.OPEN ? "open" : "closed");
        json.put("locked", false);
        json.put("title", pull.title);
        json.put("user", simpleUser(pull.author.username(), pull.author.id(), request));
        json.put("body", pull.body);
        json.put("labels", List.of());
        json.put("milestone", null);
        json.put("created_at", github(pull.createdAt));
        json.put("updated_at", github(pull.updatedAt()));
        json.put("closed_at", github(pull.closedAt));
        json.put("merged_at", github(pull.mergedAt));
        json.put("merge_commit_sha", merged ? pull.mergeCommitSha : pull.trialMergeSha);
        json.put("assignee", null);
        json.put("assignees", List.of());
        json.put("requested_reviewers", List.of());
        json.put("draft", false);
        json.put("head", ref(pull.repo, pull.head, pull.headSha, request));
        json.put("base", ref(pull.repo, pull.base, FakeIds.sha(pull.repo.path() + ":" + pull.base), request));
        json.put("author_association", "OWNER");
        json.put("merged", merged);
        json.put("mergeable", pull.state == PullRequestState.OPEN ? Boolean.TRUE : null);
        json.put("merged_by", merged ? simpleUser(pull.author.username(), pull.author.id(), request) : null);
        json.put("comments", 0);
        json.put("commits", 1);
        json.put("additions", 0);
        json.put("deletions", 0);
        json.put("changed_files", 0);
        return json;
    }

    private static Map<String, Object> ref(Repo repo, String branch, String sha, FakeRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", repo.owner() + ":" + branch);
        json.put("ref", branch);
        json.put("sha", sha);
        json.put("user", simpleUser(repo.owner(), Math.abs(repo.owner().hashCode()), request));
        json.put("repo", repository(repo, null, request));
        return json;
    }
}
