package dev.athanor.actions.posts;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.Post;
import dev.athanor.model.actions.PostDraft;
import dev.athanor.model.actions.PostStore;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A team's blog posts, for the content helpers to act on: a title, a body, and up to {@value #MAX_SECTIONS} sections
 * in order. An update changes the fields it carries; {@code sections}, when given, replaces the list (a section given
 * with its {@code id} keeps it, one without gets a new id). A post is at most {@value #MAX_BYTES} bytes of text in all.
 */
@Singleton
public class Posts {

    static final int MAX_SECTIONS = 50;
    static final int MAX_TITLE = 500;
    static final int MAX_BYTES = 300_000;

    private final PostStore store;

    Posts(PostStore store) {
        this.store = store;
    }

    public Page<Post> list(TeamId team, PageRequest page) {
        return store.list(team, page);
    }

    public Post get(TeamId team, long id) {
        return store.find(team, id).orElseThrow(() -> new NotFoundException("Post " + id + " not found"));
    }

    /** The post holding the section. */
    public Post bySection(TeamId team, long sectionId) {
        return store.findBySection(team, sectionId).orElseThrow(() ->
                new NotFoundException("Section " + sectionId + " not found"));
    }

    public Post create(TeamId team, RequestFields fields) {
        return store.create(team, draft(fields, null));
    }

    public Post update(TeamId team, long id, RequestFields fields) {
        Post current = get(team, id);
        return store.update(team, id, draft(fields, current));
    }

    public void delete(TeamId team, long id) {
        if (!store.delete(team, id)) {
            throw new NotFoundException("Post " + id + " not found");
        }
    }

    private static PostDraft draft(RequestFields fields, @Nullable Post current) {
        String title = fields.has("title") ? fields.string("title") : current == null ? null : current.title();
        if (title == null || title.isBlank()) {
            fields.error("title", "is required");
        } else if (title.length() > MAX_TITLE) {
            fields.error("title", "must be at most " + MAX_TITLE + " characters");
        }
        String body = fields.has("body") ? fields.string("body") : current == null ? "" : current.body();
        List<PostDraft.SectionDraft> sections = fields.has("sections") ? sections(fields)
                : current == null ? List.of() : current.sections().stream()
                .map(s -> new PostDraft.SectionDraft(s.id(), s.heading(), s.content())).toList();
        int bytes = bytes(title) + bytes(body) + sections.stream()
                .mapToInt(s -> bytes(s.heading()) + bytes(s.content())).sum();
        if (bytes > MAX_BYTES) {
            fields.error("body", "the post's texts must be at most " + MAX_BYTES + " bytes in all");
        }
        fields.check("post");
        return new PostDraft(title.strip(), body == null ? "" : body, sections);
    }

    private static List<PostDraft.SectionDraft> sections(RequestFields fields) {
        JsonNode node = fields.node("sections");
        List<PostDraft.SectionDraft> sections = new ArrayList<>();
        if (node == null) {
            return sections;
        }
        if (!node.isArray()) {
            fields.error("sections", "must be a list of sections");
            return sections;
        }
        if (node.size() > MAX_SECTIONS) {
            fields.error("sections", "must have at most " + MAX_SECTIONS + " sections");
            return sections;
        }
        int index = 0;
        for (JsonNode section : node.values()) {
            String where = "sections[" + index++ + "]";
            if (!section.isObject()) {
                fields.error(where, "must be an object with heading and content");
                continue;
            }
            JsonNode id = section.get("id");
            JsonNode heading = section.get("heading");
            JsonNode content = section.get("content");
            Long sectionId = null;
            if (id != null && !id.isNull()) {
                if (!id.isNumber() || id.getNumberValue().doubleValue() != Math.rint(id.getNumberValue().doubleValue())
                        || id.getLongValue() < 1) {
                    fields.error(where + ".id", "must be the id of one of the post's sections");
                } else {
                    sectionId = id.getLongValue();
                }
            }
            String headingText = heading == null || heading.isNull() ? "" : heading.isString()
                    ? heading.getStringValue() : null;
            String contentText = content == null || content.isNull() ? null : content.isString()
                    ? content.getStringValue() : null;
            if (headingText == null) {
                fields.error(where + ".heading", "must be a string");
            }
            if (contentText == null) {
                fields.error(where + ".content", "is required (a string)");
            }
            sections.add(new PostDraft.SectionDraft(sectionId, headingText, contentText));
        }
        return sections;
    }

    private static int bytes(@Nullable String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
