package dev.athanor.testkit.git;

import com.github.tomakehurst.wiremock.http.Request;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.testkit.git.FakeHostState.Access;
import dev.athanor.testkit.git.FakeHostState.Pull;
import dev.athanor.testkit.git.FakeHostState.Repo;
import dev.athanor.testkit.git.FakeHostState.User;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.athanor.testkit.git.FakeIds.gitea;

/**
 * Gitea's REST API under {@code /api/v1}: {@code GET /user}, {@code GET /repos/{owner}/{repo}},
 * {@code POST /repos/{owner}/{repo}/pulls} and {@code GET /repos/{owner}/{repo}/pulls/{index}}, with Gitea's objects
 * (GitHub's fields, Gitea's extras) and its {@code {"message", "url"}} errors. Users carry no {@code html_url}, as in
 * older releases.
 */
final class GiteaWire implements FakeHostWire {

    private static final Instant SIGNED_UP = Instant.parse("2020-01-01T00:00:00Z");

    @Override
    public String token(Request request) {
        return FakeRequest.authorizationToken(FakeHostWire.header(request, "Authorization"));
    }

    @Override
    public FakeAnswer handle(FakeRequest request, FakeHostState state) {
        Optional<User> user = state.user(GitPlatform.GITEA, request.token());
        if (request.token() != null && user.isEmpty()) {
            return error(401, "token is required", request);
        }
        if (request.is("GET", 1) && request.segment(0).equals("user")) {
            return user.map(u -> FakeAnswer.json(200, user(u.username(), u.id(), u.name(), u.email(), request)))
                    .orElseGet(() -> error(401, "token is required", request));
        }
        if (request.segments().size() < 3 || !request.segment(0).equals("repos")) {
            return notFound(request);
        }
        Optional<Repo> repo = state.repository(request.segment(1) + "/" + request.segment(2));
        Optional<Access> access = repo.flatMap(r -> state.access(request.token(), r));
        if (repo.isEmpty() || access.isEmpty()) {
            return notFound(request);
        }
        if (request.is("GET", 3)) {
            return FakeAnswer.json(200, repository(repo.get(), access.get(), state, request));
        }
        if (request.is("POST", 4) && request.segment(3).equals("pulls")) {
            return user.map(u -> open(request, state, repo.get(), access.get(), u))
                    .orElseGet(() -> error(401, "token is required", request));
        }
        if (request.is("GET", 5) && request.segment(3).equals("pulls")) {
            return FakeRequest.number(request.segment(4)).flatMap(n -> state.pull(GitPlatform.GITEA, repo.get(), n))
                    .map(pull -> FakeAnswer.json(200, pull(pull, access.get(), state, request)))
                    .orElseGet(() -> notFound(request));
        }
        return notFound(request);
    }

    @Override
    public FakeAnswer failure(int status, FakeRequest request) {
        // Gitea hides the cause of its own failures from API callers
        return error(status, status >= 500 ? "" : FakeHostWire.reason(status), request);
    }

    private static FakeAnswer open(FakeRequest request, FakeHostState state, Repo repo, Access access, User author) {
        Map<String, Object> fields = request.fields();
        if (fields == null) {
            return error(422, "[]: body is not JSON", request);
        }
        if (FakeRequest.text(fields, "title") == null) {
            return error(422, "[Title]: Required", request);
        }
        String head = FakeRequest.text(fields, "head");
        String base = FakeRequest.text(fields, "base");
        if (head == null || base == null) {
            return notFound(request);
        }
        if (head.equals(base)) {
            return error(422, "Invalid PullRequest: There are no changes between the head and the base", request);
        }
        Optional<Pull> existing = state.openPull(GitPlatform.GITEA, repo, head, base);
        if (existing.isPresent()) {
            Pull pull = existing.get();
            return error(409, "pull request already exists for these targets [id: " + pull.id + ", issue_id: "
                    + pull.number + ", head_repo_id: " + repo.id() + ", base_repo_id: " + repo.id()
                    + ", head_branch: " + head + ", base_branch: " + base + "]", request);
        }
        Pull pull = state.open(GitPlatform.GITEA, repo, author, head, base, FakeRequest.text(fields, "title"),
                fields.get("body") instanceof String body ? body : "");
        return FakeAnswer.json(201, pull(pull, access, state, request));
    }

    private static FakeAnswer notFound(FakeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", null);
        body.put("message", "The target couldn't be found.");
        body.put("url", request.webRoot() + "/api/swagger");
        return FakeAnswer.json(404, body);
    }

    static FakeAnswer error(int status, String message, FakeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("url", request.webRoot() + "/api/swagger");
        return FakeAnswer.json(status, body);
    }

    private static Map<String, Object> user(String login, long id, String name, String email, FakeRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("login", login);
        json.put("login_name", "");
        json.put("source_id", 0);
        json.put("full_name", name == null ? "" : name);
        json.put("email", email == null ? "" : email);
        json.put("avatar_url", request.webRoot() + "/avatars/" + FakeIds.sha(login).substring(0, 32));
        json.put("language", "");
        json.put("is_admin", false);
        json.put("last_login", gitea(SIGNED_UP));
        json.put("created", gitea(SIGNED_UP));
        json.put("restricted", false);
        json.put("active", true);
        json.put("prohibit_login", false);
        json.put("location", "");
        json.put("website", "");
        json.put("description", "");
        json.put("visibility", "public");
        json.put("followers_count", 0);
        json.put("following_count", 0);
        json.put("starred_repos_count", 0);
        json.put("username", login);
        return json;
    }

    private static Map<String, Object> repository(Repo repo, Access access, FakeHostState state, FakeRequest request) {
        String html = request.webRoot() + "/" + repo.path();
        long open = state.pulls(GitPlatform.GITEA, repo).stream()
                .filter(pull -> pull.state == PullRequestState.OPEN).count();
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("admin", false);
        permissions.put("push", access.push());
        permissions.put("pull", true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repo.id());
        json.put("owner", user(repo.owner(), Math.abs(repo.owner().hashCode()), "", "", request));
        json.put("name", repo.name());
        json.put("full_name", repo.path());
        json.put("description", "");
        json.put("empty", false);
        json.put("private", !repo.isPublic());
        json.put("fork", false);
        json.put("template", false);
        json.put("parent", null);
        json.put("mirror", false);
        json.put("size", 0);
        json.put("html_url", html);
        json.put("url", request.apiRoot() + "/repos/" + repo.path());
        json.put("ssh_url", "git@" + request.host() + ":" + repo.path() + ".git");
        json.put("clone_url", html + ".git");
        json.put("website", "");
        json.put("stars_count", 0);
        json.put("forks_count", 0);
        json.put("watchers_count", 0);
        json.put("open_issues_count", 0);
        json.put("open_pr_counter", open);
        json.put("release_counter", 0);
        json.put("default_branch", repo.defaultBranch());
        json.put("archived", false);
        json.put("created_at", gitea(repo.createdAt()));
        json.put("updated_at", gitea(repo.createdAt()));
        json.put("permissions", permissions);
        json.put("has_issues", true);
        json.put("has_pull_requests", true);
        json.put("default_merge_style", "merge");
        json.put("internal", false);
        return json;
    }

    /** Gitea's {@code url} is the web page too; {@code merge_commit_sha} is set only once merged. */
    private static Map<String, Object> pull(Pull pull, Access access, FakeHostState state, FakeRequest request) {
        String html = request.webRoot() + "/" + pull.repo.path() + "/pulls/" + pull.number;
        boolean merged = pull.state == PullRequestState.MERGED;
        Map<String, Object> author = user(pull.author.username(), pull.author.id(), pull.author.name(),
                pull.author.email(), request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pull.id);
        json.put("url", html);
        json.put("number", pull.number);
        json.put("user", author);
        json.put("title", pull.title);
        json.put("body", pull.body);
        json.put("labels", List.of());
        json.put("milestone", null);
        json.put("assignee", null);
        json.put("assignees", null);
        json.put("requested_reviewers", null);
        json.put("state", pull.state == PullRequestState.OPEN ? "open" : "closed");
        json.put("draft", false);
        json.put("is_locked", false);
        json.put("comments", 0);
        json.put("html_url", html);
        json.put("diff_url", html + ".diff");
        json.put("patch_url", html + ".patch");
        json.put("mergeable", pull.state == PullRequestState.OPEN);
        json.put("merged", merged);
        json.put("merged_at", gitea(pull.mergedAt));
        json.put("merge_commit_sha", merged ? pull.mergeCommitSha : null);
        json.put("merged_by", merged ? author : null);
        json.put("allow_maintainer_edit", false);
        json.put("base", branch(pull, pull.base, FakeIds.sha(pull.repo.path() + ":" + pull.base), access, state,
                request));
        json.put("head", branch(pull, pull.head, pull.headSha, access, state, request));
        json.put("merge_base", FakeIds.sha(pull.repo.path() + ":" + pull.base));
        json.put("due_date", null);
        json.put("created_at", gitea(pull.createdAt));
        json.put("updated_at", gitea(pull.updatedAt()));
        json.put("closed_at", gitea(pull.closedAt));
        json.put("pin_order", 0);
        return json;
    }

    private static Map<String, Object> branch(Pull pull, String name, String sha, Access access, FakeHostState state,
                                              FakeRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", name);
        json.put("ref", name);
        json.put("sha", sha);
        json.put("repo_id", pull.repo.id());
        json.put("repo", repository(pull.repo, access, state, request));
        return json;
    }
}
