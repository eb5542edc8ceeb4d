package dev.athanor.actions.content;

import dev.athanor.actions.calls.CallerLimits;
import dev.athanor.actions.calls.ModelCall;
import dev.athanor.actions.calls.PromptText;
import dev.athanor.actions.config.SurfaceModels;
import dev.athanor.actions.posts.Posts;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.actions.Post;
import dev.athanor.model.llm.ChatMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The content helpers: a post idea from a topic, a section expanded with keywords and social snippets, SEO
 * suggestions for a post, social posts from a section. Each asks this surface's default model for JSON of a fixed
 * shape ({@link StructuredAnswers}), acts on a stored post or section or on the text given inline ({@code content}),
 * and counts as one execution of the caller.
 */
@Singleton
public class ContentHelpers {

    static final int MAX_PLATFORMS = 10;
    private static final double TEMPERATURE = 0.7;
    private static final int MAX_TOKENS = 2000;
    private static final Map<String, Object> TEXT = Map.of("type", "string", "minLength", 1);
    private static final Map<String, Object> TEXTS = Map.of("type", "array", "minItems", 1, "items", TEXT);

    private final StructuredAnswers answers;
    private final SurfaceModels models;
    private final Posts posts;
    private final CallerLimits limits;

    ContentHelpers(StructuredAnswers answers, SurfaceModels models, Posts posts, CallerLimits limits) {
        this.answers = answers;
        this.models = models;
        this.posts = posts;
        this.limits = limits;
    }

    /** {@code {title, outline, keywords}} for a post on {@code topic}. */
    public Map<String, Object> idea(TeamPrincipal caller, RequestFields fields) {
        String topic = PromptText.text(fields, "topic");
        if (topic == null || topic.isBlank()) {
            fields.error("topic", topic == null ? "is required" : "must not be empty");
        }
        String style = orDefault(fields, "style", "informative");
        String audience = orDefault(fields, "audience", "Scottish heritage enthusiasts");
        fields.check("idea request");
        Map<String, Object> schema = object(properties("title", TEXT, "outline", TEXTS, "keywords", TEXTS));
        return ask(caller, call(caller, "generate-idea", null, topic,
                "You are a content strategist who plans blog posts.",
                "Suggest a blog post on this topic: " + topic + "\nStyle: " + style + "\nAudience: " + audience
                        + "\nGive a title, an outline of its sections, and its SEO keywords."), schema);
    }

    /** {@code {content, keywords, social_media_snippets: {platform: text}}} for a section. */
    public Map<String, Object> expandSection(TeamPrincipal caller, long sectionId, RequestFields fields) {
        String tone = orDefault(fields, "tone", "professional");
        List<String> platforms = platforms(fields, List.of("blog"));
        Source source = sectionSource(caller, sectionId, fields);
        Map<String, Object> schema = object(properties("content", TEXT, "keywords", TEXTS,
                "social_media_snippets", object(perPlatform(platforms))));
        return ask(caller, call(caller, "expand-section", source.postId(), source.text(),
                "You are an editor who expands blog sections into full, accurate prose.",
                "Expand this blog section in a " + tone + " tone, list its keywords, and write a short snippet "
                        + "promoting it for each of these platforms: " + String.join(", ", platforms)
                        + ".\n\nSection:\n" + source.text()), schema);
    }

    /** {@code {suggestions: {title_suggestions, meta_description, keyword_suggestions}}} for a post. */
    public Map<String, Object> optimizeSeo(TeamPrincipal caller, long postId, RequestFields fields) {
        List<String> keywords = strings(fields, "keywords", List.of(), 50);
        Source source;
        String inline = PromptText.text(fields, "content");
        if (inline != null) {
            String title = PromptText.text(fields, "title");
            fields.check("SEO request");
            source = new Source(null, (title == null ? "" : "Title: " + title + "\n") + inline);
        } else {
            fields.check("SEO request");
            Post post = posts.get(caller.team(), postId);
            source = new Source(post.id(), "Title: " + post.title() + "\n" + postText(post));
        }
        Map<String, Object> schema = object(properties("title_suggestions", TEXTS, "meta_description", TEXT,
                "keyword_suggestions", TEXTS));
        Map<String, Object> suggestions = ask(caller, call(caller, "optimize-seo", source.postId(),
                source.text(), "You are an SEO specialist for blogs.",
                "Suggest better titles, a meta description of at most 160 characters and keywords for this post"
                        + (keywords.isEmpty() ? "" : ", targeting: " + String.join(", ", keywords))
                        + ".\n\nPost:\n" + source.text()), schema);
        return Map.of("suggestions", suggestions);
    }

    /** {@code {platform: text}} for each platform asked, from a section. */
    public Map<String, Object> social(TeamPrincipal caller, long sectionId, RequestFields fields) {
        List<String> platforms = platforms(fields, List.of("tiktok", "instagram"));
        Source source = sectionSource(caller, sectionId, fields);
        return ask(caller, call(caller, "generate-social", source.postId(), source.text(),
                "You are a social media manager who writes posts that fit each platform.",
                "Write one post for each of these platforms to promote this blog section: "
                        + String.join(", ", platforms) + ".\n\nSection:\n" + source.text()),
                object(perPlatform(platforms)));
    }

    /** The text a helper acts on, and the post it belongs to (null when given inline). */
    private record Source(@Nullable Long postId, String text) {
    }

    private Source sectionSource(TeamPrincipal caller, long sectionId, RequestFields fields) {
        String inline = PromptText.text(fields, "content");
        fields.check("request");
        if (inline != null) {
            if (inline.isBlank()) {
                fields.error("content", "must not be empty");
                fields.check("request");
            }
            return new Source(null, inline);
        }
        Post post = posts.bySection(caller.team(), sectionId);
        Post.Section section = post.sections().stream().filter(s -> s.id() == sectionId).findFirst().orElseThrow();
        String heading = section.heading() == null || section.heading().isBlank() ? "" : section.heading() + "\n";
        return new Source(post.id(), heading + section.content());
    }

    private ModelCall call(TeamPrincipal caller, String kind, @Nullable Long postId, String input, String role,
                           String ask) {
        limits.admitExecution(caller);
        return new ModelCall(kind, models.defaultModel(caller.team()),
                List.of(ChatMessage.system(role), ChatMessage.user(ask)), TEMPERATURE, MAX_TOKENS, null, postId, input);
    }

    private static String postText(Post post) {
        StringBuilder text = new StringBuilder(post.body() == null ? "" : post.body());
        post.sections().forEach(s -> text.append("\n\n").append(s.heading() == null ? "" : s.heading() + "\n")
                .append(s.content()));
        return text.toString().strip();
    }

    private static String orDefault(RequestFields fields, String field, String fallback) {
        String value = fields.string(field);
        if (value != null && value.length() > 200) {
            fields.error(field, "must be at most 200 characters");
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static List<String> platforms(RequestFields fields, List<String> fallback) {
        List<String> platforms = strings(fields, "platforms", fallback, MAX_PLATFORMS);
        if (platforms.isEmpty()) {
            fields.error("platforms", "must name at least one platform");
        }
        for (String platform : platforms) {
            if (platform.length() > 50) {
                fields.error("platforms", "each platform name must be at most 50 characters");
                break;
            }
        }
        return platforms;
    }

    /** A list of non-empty strings (trimmed, each once), or the fallback when the field is absent or null. */
    private static List<String> strings(RequestFields fields, String field, List<String> fallback, int max) {
        JsonNode node = fields.node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isArray()) {
            fields.error(field, "must be a list of strings");
            return fallback;
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (JsonNode value : node.values()) {
            if (!value.isString() || value.getStringValue().isBlank()) {
                fields.error(field, "must be a list of non-empty strings");
                return fallback;
            }
            values.add(value.getStringValue().strip());
        }
        if (values.size() > max) {
            fields.error(field, "must have at most " + max + " entries");
        }
        return new ArrayList<>(values);
    }

    private static Map<String, Object> perPlatform(List<String> platforms) {
        Map<String, Object> properties = new LinkedHashMap<>();
        platforms.forEach(platform -> properties.put(platform, TEXT));
        return properties;
    }

    /**
     * The model's JSON answer cut to the schema's properties (nested objects too), in the schema's order: what the
     * API documents, nothing the model added.
     */
    private Map<String, Object> ask(TeamPrincipal caller, ModelCall call, Map<String, Object> schema) {
        return documented(schema, answers.ask(caller, call, schema));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> documented(Map<String, Object> schema, Map<String, Object> answer) {
        Map<String, Object> kept = new LinkedHashMap<>();
        ((Map<String, Object>) schema.get("properties")).forEach((name, property) -> {
            Object value = answer.get(name);
            Map<String, Object> nested = (Map<String, Object>) property;
            kept.put(name, "object".equals(nested.get("type")) && value instanceof Map<?, ?> map
                    ? documented(nested, (Map<String, Object>) map) : value);
        });
        return kept;
    }

    /** Properties in the order given: name, schema, name, schema... */
    private static Map<String, Object> properties(Object... pairs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    /** An object schema whose properties are all required. */
    private static Map<String, Object> object(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(properties.keySet()));
        return schema;
    }
}
