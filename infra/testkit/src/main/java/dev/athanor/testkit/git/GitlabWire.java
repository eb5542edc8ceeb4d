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

import static dev.athanor.testkit.git.FakeIds.gitlab;

/**
 * GitLab's REST API v4 under {@code /api/v4}: {@code GET /user}, {@code GET /projects/:id} (the id a number or the
 * URL-encoded full path), {@code POST /projects/:id/merge_requests} and {@code GET /projects/:id/merge_requests/:iid},
 * with GitLab's objects and error bodies.
 */
final class GitlabWire implements FakeHostWire {

    private static final Instant SIGNED_UP = Instant.parse("2020-01-01T00:00:00Z");

    /** Reporter may read; Developer may push. */
    private static final int REPORTER = 20;
    private static final int DEVELOPER = 30;

    @Override
    public String token(Request request) {
        String privateToken = FakeHostWire.header(request, "PRIVATE-TOKEN");
        return privateToken != null && !privateToken.isBlank() ? privateToken
                : FakeRequest.authorizationToken(FakeHostWire.header(request, "Authorization"));
    }

    @Override
    public FakeAnswer handle(FakeRequest request, FakeHostState state) {
        Optional<User> user = state.user(GitPlatform.GITLAB, request.token());
        if (request.token() != null && user.isEmpty() || user.isEmpty() && !request.method().equals("GET")) {
            return unauthorized();
        }
        if (request.is("GET", 1) && request.segment(0).equals("user")) {
            return user.map(u -> FakeAnswer.json(200, user(u, request))).orElseGet(GitlabWire::unauthorized);
        }
        if (request.segments().size() < 2 || !request.segment(0).equals("projects")) {
            return FakeAnswer.json(404, Map.of("error", "404 Not Found"));
        }
        String id = request.segment(1);
        Optional<Repo> repo = id.chars().allMatch(Character::isDigit)
                ? state.repository(Long.parseLong(id)) : state.repository(id);
        Optional<Access> access = repo.flatMap(r -> state.access(request.token(), r));
        if (repo.isEmpty() || access.isEmpty()) {
            return FakeAnswer.json(404, Map.of("message", "404 Project Not Found"));
        }
        if (request.is("GET", 2)) {
            return FakeAnswer.json(200, project(repo.get(), access.get().member() ? access.get() : null, request));
        }
        if (request.is("POST", 3) && request.segment(2).equals("merge_requests")) {
            return open(request, state, repo.get(), user.orElseThrow());
        }
        if (request.is("GET", 4) && request.segment(2).equals("merge_requests")) {
            return FakeRequest.number(request.segment(3)).flatMap(n -> state.pull(GitPlatform.GITLAB, repo.get(), n))
                    .map(pull -> FakeAnswer.json(200, mergeRequest(pull, request)))
                    .orElseGet(() -> FakeAnswer.json(404, Map.of("message", "404 Not found")));
        }
        return FakeAnswer.json(404, Map.of("error", "404 Not Found"));
    }

    @Override
    public FakeAnswer failure(int status, FakeRequest request) {
        return FakeAnswer.json(status, Map.of("message", status + " " + FakeHostWire.reason(status)));
    }

    private static FakeAnswer unauthorized() {
        return FakeAnswer.json(401, Map.of("message", "401 Unauthorized"));
    }

    /** Missing parameters are Grape's 400; branch problems are 409 with the validation messages as a list. */
    private static FakeAnswer open(FakeRequest request, FakeHostState state, Repo repo, User author) {
        Map<String, Object> fields = request.fields();
        if (fields == null) {
            return FakeAnswer.json(400, Map.of("error", "400 Bad request - body is not JSON"));
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("source_branch", "target_branch", "title")) {
            if (FakeRequest.text(fields, name) == null) {
                missing.add(name + " is missing");
            }
        }
        if (!missing.isEmpty()) {
            return FakeAnswer.json(400, Map.of("error", String.join(", ", missing)));
        }
        String source = FakeRequest.text(fields, "source_branch");
        String target = FakeRequest.text(fields, "target_branch");
        if (source.equals(target)) {
            return FakeAnswer.json(409, Map.of("message",
                    List.of("You can't use same project/branch for source and target")));
        }
        Optional<Pull> existing = state.openPull(GitPlatform.GITLAB, repo, source, target);
        if (existing.isPresent()) {
            return FakeAnswer.json(409, Map.of("message", List.of(
                    "Another open merge request already exists for this source branch: !" + existing.get().number)));
        }
        Pull pull = state.open(GitPlatform.GITLAB, repo, author, source, target, FakeRequest.text(fields, "title"),
                fields.get("description") instanceof String description ? description : null);
        return FakeAnswer.json(201, mergeRequest(pull, request));
    }

    private static Map<String, Object> user(User user, FakeRequest request) {
        Map<String, Object> json = basicUser(user, request);
        json.put("created_at", gitlab(SIGNED_UP));
        json.put("bio", "");
        json.put("location", "");
        json.put("public_email", "");
        json.put("skype", "");
        json.put("linkedin", "");
        json.put("twitter", "");
        json.put("website_url", "");
        json.put("organization", "");
        json.put("job_title", "");
        json.put("pronouns", null);
        json.put("bot", false);
        json.put("work_information", null);
        json.put("followers", 0);
        json.put("following", 0);
        json.put("local_time", null);
        json.put("last_sign_in_at", gitlab(SIGNED_UP));
        json.put("confirmed_at", gitlab(SIGNED_UP));
        json.put("last_activity_on", "2020-01-01");
        json.put("email", user.email());
        json.put("theme_id", 1);
        json.put("color_scheme_id", 1);
        json.put("projects_limit", 100000);
        json.put("current_sign_in_at", gitlab(SIGNED_UP));
        json.put("identities", List.of());
        json.put("can_create_group", true);
        json.put("can_create_project", true);
        json.put("two_factor_enabled", false);
        json.put("external", false);
        json.put("private_profile", false);
        json.put("commit_email", user.email());
        return json;
    }

    private static Map<String, Object> basicUser(User user, FakeRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("name", user.name());
        json.put("state", "active");
        json.put("locked", false);
        json.put("avatar_url", request.webRoot() + "/uploads/-/system/user/avatar/" + user.id() + "/avatar.png");
        json.put("web_url", request.webRoot() + "/" + user.username());
        return json;
    }

    /** {@code permissions.project_access} is the token's membership (null without one); groups are not modelled. */
    private static Map<String, Object> project(Repo repo, Access membership, FakeRequest request) {
        String owner = repo.owner();
        String ownerName = owner.substring(owner.lastIndexOf('/') + 1);
        Map<String, Object> namespace = new LinkedHashMap<>();
        namespace.put("id", Math.abs(owner.hashCode()));
        namespace.put("name", ownerName);
        namespace.put("path", ownerName);
        namespace.put("kind", "group");
        namespace.put("full_path", owner);
        namespace.put("parent_id", null);
        namespace.put("avatar_url", null);
        namespace.put("web_url", request.webRoot() + "/groups/" + owner);
        Map<String, Object> projectAccess = null;
        if (membership != null) {
            projectAccess = new LinkedHashMap<>();
            projectAccess.put("access_level", membership.push() ? DEVELOPER : REPORTER);
            projectAccess.put("notification_level", 3);
        }
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("project_access", projectAccess);
        permissions.put("group_access", null);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repo.id());
        json.put("description", null);
        json.put("name", repo.name());
        json.put("name_with_namespace", owner.replace("/", " / ") + " / " + repo.name());
        json.put("path", repo.name());
        json.put("path_with_namespace", repo.path());
        json.put("created_at", gitlab(repo.createdAt()));
        json.put("default_branch", repo.defaultBranch());
        json.put("tag_list", List.of());
        json.put("topics", List.of());
        json.put("ssh_url_to_repo", "git@" + request.host() + ":" + repo.path() + ".git");
        json.put("http_url_to_repo", request.webRoot() + "/" + repo.path() + ".git");
        json.put("web_url", request.webRoot() + "/" + repo.path());
        json.put("readme_url", null);
        json.put("avatar_url", null);
        json.put("forks_count", 0);
        json.put("star_count", 0);
        json.put("last_activity_at", gitlab(repo.createdAt()));
        json.put("namespace", namespace);
        json.put("visibility", repo.isPublic() ? "public" : "private");
        json.put("archived", false);
        json.put("empty_repo", false);
        json.put("permissions", permissions);
        return json;
    }

    private static Map<String, Object> mergeRequest(Pull pull, FakeRequest request) {
        boolean merged = pull.state == PullRequestState.MERGED;
        boolean closed = pull.state == PullRequestState.CLOSED;
        String reference = "!" + pull.number;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pull.id);
        json.put("iid", pull.number);
        json.put("project_id", pull.repo.id());
        json.put("title", pull.title);
        json.put("description", pull.body);
        json.put("state", switch (pull.state) {
            case OPEN -> "opened";
            case MERGED -> "merged";
            case CLOSED -> "closed";
        });
        json.put("created_at", gitlab(pull.createdAt));
        json.put("updated_at", gitlab(pull.updatedAt()));
        json.put("merged_by", merged ? basicUser(pull.author, request) : null);
        json.put("merge_user", merged ? basicUser(pull.author, request) : null);
        json.put("merged_at", gitlab(pull.mergedAt));
        json.put("closed_by", closed ? basicUser(pull.author, request) : null);
        json.put("closed_at", closed ? gitlab(pull.closedAt) : null);
        json.put("target_branch", pull.base);
        json.put("source_branch", pull.head);
        json.put("user_notes_count", 0);
        json.put("upvotes", 0);
        json.put("downvotes", 0);
        json.put("author", basicUser(pull.author, request));
        json.put("assignees", List.of());
        json.put("assignee", null);
        json.put("reviewers", List.of());
        json.put("source_project_id", pull.repo.id());
        json.put("target_project_id", pull.repo.id());
        json.put("labels", List.of());
        json.put("draft", false);
        json.put("work_in_progress", false);
        json.put("milestone", null);
        json.put("merge_when_pipeline_succeeds", false);
        json.put("merge_status", pull.state == PullRequestState.OPEN ? "can_be_merged" : "merged");
        json.put("detailed_merge_status", pull.state == PullRequestState.OPEN ? "mergeable" : "not_open");
        json.put("sha", pull.headSha);
        json.put("merge_commit_sha", merged ? pull.mergeCommitSha : null);
        json.put("squash_commit_sha", null);
        json.put("discussion_locked", null);
        json.put("should_remove_source_branch", null);
        json.put("force_remove_source_branch", false);
        json.put("reference", reference);
        json.put("references", Map.of("short", reference, "relative", reference,
                "full", pull.repo.path() + reference));
        json.put("web_url", request.webRoot() + "/" + pull.repo.path() + "/-/merge_requests/" + pull.number);
        json.put("time_stats", Map.of("time_estimate", 0, "total_time_spent", 0));
        json.put("squash", false);
        json.put("task_completion_status", Map.of("count", 0, "completed_count", 0));
        json.put("has_conflicts", false);
        json.put("blocking_discussions_resolved", true);
        return json;
    }
}
