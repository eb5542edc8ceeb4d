package dev.athanor.actions.posts;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.PathIds;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The team's blog posts and their sections, which the content helpers act on. */
@Controller("/api/v1/llm/posts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Content")
public class PostsController {

    private final Posts posts;
    private final JsonMapper json;

    PostsController(Posts posts, JsonMapper json) {
        this.posts = posts;
        this.json = json;
    }

    @Get
    @Operation(summary = "List the team's posts, by id, a page at a time")
    HttpResponse<List<PostView>> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, posts.list(team(authentication), Paging.request(limit, cursor)).map(PostView::of));
    }

    @Post
    @Operation(summary = "Create a post: title, body and sections (heading, content) in order")
    HttpResponse<PostView> create(Authentication authentication, HttpRequest<?> request) {
        return HttpResponse.created(PostView.of(posts.create(team(authentication), RequestFields.read(json, request))));
    }

    @Get("/{post_id}")
    @Operation(summary = "Get a post with its sections")
    PostView get(Authentication authentication, @PathVariable("post_id") String postId) {
        return PostView.of(posts.get(team(authentication), id(postId)));
    }

    @Put("/{post_id}")
    @Operation(summary = "Update a post's given fields; sections, when given, replace the list")
    PostView update(Authentication authentication, @PathVariable("post_id") String postId, HttpRequest<?> request) {
        return PostView.of(posts.update(team(authentication), id(postId), RequestFields.read(json, request)));
    }

    @Delete("/{post_id}")
    @Operation(summary = "Delete a post and its sections")
    Map<String, String> delete(Authentication authentication, @PathVariable("post_id") String postId) {
        posts.delete(team(authentication), id(postId));
        return Map.of("status", "success");
    }

    private static long id(String value) {
        return PathIds.number(value, () -> new NotFoundException("Post " + value + " not found"));
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }
}
