package dev.athanor.actions.content;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.PathIds;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.error.NotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/** The content helpers of the blog editor; each answer is the JSON the API document shows for it. */
@Controller("/api/v1/llm")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Content")
public class ContentController {

    private final ContentHelpers helpers;
    private final JsonMapper json;

    ContentController(ContentHelpers helpers, JsonMapper json) {
        this.helpers = helpers;
        this.json = json;
    }

    @Post("/generate-idea")
    @Operation(summary = "A blog post idea from a topic: title, outline and keywords")
    Map<String, Object> idea(Authentication authentication, HttpRequest<?> request) {
        return helpers.idea(TeamPrincipal.of(authentication), RequestFields.read(json, request));
    }

    @Post("/expand-section/{section_id}")
    @Operation(summary = "A section expanded, with keywords and a snippet per platform (or the text given inline)")
    Map<String, Object> expand(Authentication authentication, @PathVariable("section_id") String sectionId,
                               HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        return helpers.expandSection(TeamPrincipal.of(authentication), fields.has("content") ? 0 : section(sectionId),
                fields);
    }

    @Post("/optimize-seo/{post_id}")
    @Operation(summary = "SEO suggestions for a post (or the text given inline): titles, meta description, keywords")
    Map<String, Object> seo(Authentication authentication, @PathVariable("post_id") String postId,
                            HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        long id = fields.has("content") ? 0 : PathIds.number(postId, () -> new NotFoundException("Post " + postId
                + " not found"));
        return helpers.optimizeSeo(TeamPrincipal.of(authentication), id, fields);
    }

    @Post("/generate-social/{section_id}")
    @Operation(summary = "One social media post per platform from a section (or the text given inline)")
    Map<String, Object> social(Authentication authentication, @PathVariable("section_id") String sectionId,
                               HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        return helpers.social(TeamPrincipal.of(authentication), fields.has("content") ? 0 : section(sectionId),
                fields);
    }

    private static long section(String value) {
        return PathIds.number(value, () -> new NotFoundException("Section " + value + " not found"));
    }
}
